"""QTI 2.1 packages and Moodle XML: what is written, what is read back, what is refused."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from quizapp.content.exchange import detect_format, moodle, qti
from quizapp.content.exchange.identifiers import parse_identifier, question_identifier
from quizapp.content.exchange.model import ExchangeQuestion, check

QTI_NS = {"q": qti.QTI}


def bank() -> list[ExchangeQuestion]:
    """One question of every kind, with the characters XML and Moodle's cloze treat specially."""
    return [
        ExchangeQuestion(
            kind="multiple_choice",
            prompt="Which is the capital of <Lithuania> & its “heart”?",
            answer="Vilnius",
            choices=["Riga", "Vilnius", "Tallinn"],
            explanation="Vilnius has been the capital since 1323.",
            document="talks",
            key="3f2a9c0d1e2b3c4d5e6f",
        ),
        ExchangeQuestion(
            kind="true_false",
            prompt="Wang Yi is China's foreign minister.",
            answer="False",
            explanation="He was foreign minister in 2023.",
            document="talks",
            key="manual-0123456789abcdef",
        ),
        ExchangeQuestion(
            kind="short_answer",
            prompt="Who did Wang Yi meet in Beijing?",
            answer="Sergey Lavrov",
            alternatives=["Lavrov", "S. Lavrov"],
            explanation="Wang Yi met Sergey Lavrov in Beijing.",
            document="talks",
            key="import-aa11bb22cc33dd44ee55",
        ),
        ExchangeQuestion(
            kind="cloze",
            prompt="Wang Yi met Sergey Lavrov in _____ {last} week #2.",
            answer="Beijing",
            alternatives=["Peking ~ 北京", "a/b\\c}"],
            explanation="",
            document="talks",
            key="k4",
        ),
    ]


def package_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def repackage(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    files = {**package_files(data), **changes}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in files.items():
            if content is not None:
                package.writestr(name, content)
    return buffer.getvalue()


# --- QTI ---------------------------------------------------------------------------


def test_qti_package_holds_a_manifest_a_test_and_one_well_formed_item_per_question():
    data, skipped = qti.render(bank(), title="Talks")
    assert skipped == []
    files = package_files(data)
    items = sorted(name for name in files if name.startswith("items/"))
    assert items == [
        "items/q-talks.3f2a9c0d1e2b3c4d5e6f.xml",
        "items/q-talks.import-aa11bb22cc33dd44ee55.xml",
        "items/q-talks.k4.xml",
        "items/q-talks.manual-0123456789abcdef.xml",
    ]
    manifest = etree.fromstring(files["imsmanifest.xml"])
    resources = manifest.findall(".//{*}resource")
    assert [(r.get("type"), r.get("href")) for r in resources][0] == (
        "imsqti_test_xmlv2p1",
        "assessment.xml",
    )
    assert sorted(r.get("href") for r in resources[1:]) == items
    assert {r.get("type") for r in resources[1:]} == {"imsqti_item_xmlv2p1"}
    test = etree.fromstring(files["assessment.xml"])
    assert test.get("title") == "Talks"
    refs = test.findall(".//q:assessmentItemRef", QTI_NS)
    assert [r.get("href") for r in refs] == [
        "items/q-talks.3f2a9c0d1e2b3c4d5e6f.xml",
        "items/q-talks.manual-0123456789abcdef.xml",
        "items/q-talks.import-aa11bb22cc33dd44ee55.xml",
        "items/q-talks.k4.xml",
    ]
    for name in items:  # every item parses as XML in the QTI 2.1 namespace
        root = etree.fromstring(files[name])
        assert root.tag == f"{{{qti.QTI}}}assessmentItem"
        assert name == f"items/{root.get('identifier')}.xml"


def test_qti_items_use_the_interaction_each_kind_needs():
    files = package_files(qti.render(bank(), title="Talks")[0])

    def item(key):
        return etree.fromstring(files[f"items/q-talks.{key}.xml"])

    mc = item("3f2a9c0d1e2b3c4d5e6f")
    choices = mc.findall(".//q:choiceInteraction/q:simpleChoice", QTI_NS)
    assert [c.text for c in choices] == ["Riga", "Vilnius", "Tallinn"]
    correct = mc.find(".//q:correctResponse/q:value", QTI_NS).text
    assert [c.text for c in choices if c.get("identifier") == correct] == ["Vilnius"]
    assert mc.find("q:modalFeedback", QTI_NS).text == "Vilnius has been the capital since 1323."
    assert mc.find(".//q:prompt", QTI_NS).text.startswith("Which is the capital of <Lithuania> &")

    tf = item("manual-0123456789abcdef")
    assert [c.text for c in tf.findall(".//q:simpleChoice", QTI_NS)] == ["True", "False"]

    short = item("import-aa11bb22cc33dd44ee55")
    assert short.find(".//q:correctResponse/q:value", QTI_NS).text == "Sergey Lavrov"
    entries = short.findall(".//q:mapping/q:mapEntry", QTI_NS)
    assert [(e.get("mapKey"), e.get("mappedValue")) for e in entries] == [
        ("Sergey Lavrov", "1"),
        ("Lavrov", "1"),
        ("S. Lavrov", "1"),
    ]
    body = short.find("q:itemBody", QTI_NS)
    assert body[0].text == "Who did Wang Yi meet in Beijing?"

    cloze = item("k4")
    paragraph = cloze.find("q:itemBody/q:p", QTI_NS)
    assert paragraph.text == "Wang Yi met Sergey Lavrov in "
    entry = paragraph.find("q:textEntryInteraction", QTI_NS)
    assert entry.tail == " {last} week #2."


def test_qti_round_trip_gives_the_same_questions_and_identifiers():
    questions, errors = qti.parse(qti.render(bank(), title="Talks")[0])
    assert errors == []
    assert [q.comparable() for q in questions] == [q.comparable() for q in bank()]
    assert [(q.document, q.key) for q in questions] == [(q.document, q.key) for q in bank()]


def test_exports_are_the_same_bytes_every_time():
    assert qti.render(bank(), title="Talks")[0] == qti.render(bank(), title="Talks")[0]
    assert moodle.render(bank(), title="Talks")[0] == moodle.render(bank(), title="Talks")[0]


def test_identifiers_read_back_to_document_and_key():
    assert question_identifier("talks", "abc-1_2") == "q-talks.abc-1_2"
    assert parse_identifier("q-talks.abc-1_2") == ("talks", "abc-1_2")
    odd = question_identifier("talks", "a key with spaces")
    assert parse_identifier(odd)[0] == "talks" and " " not in odd
    assert parse_identifier("i7c8d9e") is None


def test_a_bare_qti_item_file_is_read_too():
    files = package_files(qti.render(bank()[:1])[0])
    (name,) = [n for n in files if n.startswith("items/")]
    questions, errors = qti.parse(files[name])
    assert errors == [] and questions[0].answer == "Vilnius"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            b"<itemBody>",
            "items/q-talks.k4.xml line 1: the XML is not well formed",
        ),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY big "boom">]>\n<assessmentItem/>',
            "items/q-talks.k4.xml line 2: a <!DOCTYPE> declaration is not accepted",
        ),
    ],
)
def test_a_malformed_item_is_named_by_file_and_line(change, message):
    data = qti.render(bank())[0]
    bad = repackage(data, {"items/q-talks.k4.xml": change})
    questions, errors = qti.parse(bad)
    assert len(errors) == 1 and errors[0].startswith(message), errors


def test_an_unsupported_interaction_is_named_with_its_line():
    item = (
        b'<?xml version="1.0"?>\n<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"'
        b' identifier="x">\n<itemBody>\n<extendedTextInteraction responseIdentifier="R"/>\n'
        b"</itemBody>\n</assessmentItem>\n"
    )
    questions, errors = qti.parse(item)
    assert errors == [
        "line 4: <extendedTextInteraction> questions are not supported; use multiple choice, "
        "true/false, short answer or cloze (text entry)"
    ]


def test_broken_packages_are_refused_with_what_to_do():
    data = qti.render(bank())[0]
    assert qti.parse(data[: len(data) // 2])[1] == [
        "the file is not a readable .zip (damaged or cut short); export the package again"
    ]
    no_manifest = repackage(data, {"imsmanifest.xml": None})
    assert qti.parse(no_manifest)[1] == [
        "the .zip holds no imsmanifest.xml, so it is not a QTI content package"
    ]
    missing_item = repackage(data, {"items/q-talks.k4.xml": None})
    assert qti.parse(missing_item)[1] == [
        "imsmanifest.xml: it lists 'items/q-talks.k4.xml', which the package does not hold"
    ]


# --- Moodle XML --------------------------------------------------------------------


def test_moodle_xml_writes_each_kind_as_moodle_types():
    text, skipped = moodle.render(bank(), title="Talks")
    assert skipped == []
    root = etree.fromstring(text.encode())
    questions = root.findall("question")
    assert [q.get("type") for q in questions] == [
        "category",
        "multichoice",
        "truefalse",
        "shortanswer",
        "cloze",
    ]
    assert questions[0].findtext("category/text") == "$course$/top/Talks"
    mc = questions[1]
    assert mc.findtext("idnumber") == "q-talks.3f2a9c0d1e2b3c4d5e6f"
    assert [(a.get("fraction"), a.findtext("text")) for a in mc.findall("answer")] == [
        ("0", "Riga"),
        ("100", "Vilnius"),
        ("0", "Tallinn"),
    ]
    assert mc.findtext("questiontext/text").startswith("Which is the capital of &lt;Lithuania&gt;")
    assert mc.findtext("generalfeedback/text") == "Vilnius has been the capital since 1323."
    short = questions[3]
    assert [(a.get("fraction"), a.findtext("text")) for a in short.findall("answer")] == [
        ("100", "Sergey Lavrov"),
        ("100", "Lavrov"),
        ("100", "S. Lavrov"),
    ]
    assert questions[4].findtext("questiontext/text") == (
        "Wang Yi met Sergey Lavrov in "
        "{1:SHORTANSWER:=Beijing~%100%Peking \\~ 北京~%100%a\\/b\\\\c\\}} {last} week #2."
    )


def test_moodle_round_trip_gives_the_same_questions_and_identifiers():
    questions, errors = moodle.parse(moodle.render(bank(), title="Talks")[0])
    assert errors == []
    assert [q.comparable() for q in questions] == [q.comparable() for q in bank()]
    assert [(q.document, q.key) for q in questions] == [(q.document, q.key) for q in bank()]


def test_moodle_reads_moodles_own_html_and_cloze_feedback():
    text = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>Capital</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>What is the capital of <b>France</b>?</p>]]></text>
    </questiontext>
    <answer fraction="100"><text>Paris</text></answer>
    <answer fraction="50"><text>Lyon</text></answer>
  </question>
  <question type="cloze">
    <questiontext format="html"><text><![CDATA[<p>The capital is
      {:SA:=Paris#Right!~%50%Lyon~%100%paris city}.</p>]]></text></questiontext>
  </question>
</quiz>
"""
    questions, errors = moodle.parse(text)
    assert errors == []
    short, cloze = questions
    assert (short.kind, short.prompt, short.answer, short.alternatives) == (
        "short_answer",
        "What is the capital of France?",
        "Paris",
        [],
    )
    assert (cloze.kind, cloze.prompt, cloze.answer, cloze.alternatives) == (
        "cloze",
        "The capital is _____.",
        "Paris",
        ["paris city"],
    )
    assert short.key == ""  # no idnumber: the import keys it by its text


def test_moodle_refuses_what_it_cannot_hold_by_line():
    text = """<?xml version="1.0"?>
<quiz>
  <question type="essay">
    <questiontext format="html"><text>Discuss.</text></questiontext>
  </question>
  <question type="multichoice">
    <questiontext format="html"><text>Pick</text></questiontext>
    <answer fraction="100"><text>a</text></answer>
    <answer fraction="100"><text>b</text></answer>
  </question>
</quiz>"""
    assert moodle.parse(text)[1] == [
        'line 3: <question type="essay"> is not supported; use multichoice, truefalse, '
        "shortanswer or cloze (one short-answer gap)",
        "line 6: multiple choice needs exactly one answer at fraction 100 (it has 2)",
    ]
    assert moodle.parse("<quiz>\n<question type='truefalse'>\n</quiz>")[1][0].startswith(
        "line 3: the XML is not well formed"
    )
    assert moodle.parse("<?xml version='1.0'?><questions/>")[1] == [
        "line 1: the file's root is <questions>, not Moodle XML's <quiz>; "
        "export the questions as Moodle XML"
    ]


def test_entities_are_never_expanded():
    bomb = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<quiz><question type="shortanswer"><questiontext><text>&b;</text></questiontext></question></quiz>
"""
    assert moodle.parse(bomb) == (
        [],
        ["line 2: a <!DOCTYPE> declaration is not accepted; remove it (the formats need none)"],
    )


def test_a_doctype_inside_a_question_is_just_text():
    text = """<?xml version="1.0"?>
<!-- exported from Moodle -->
<quiz><question type="shortanswer">
<questiontext format="html"><text><![CDATA[<p>What does <code>&lt;!DOCTYPE html&gt;</code> or
<!DOCTYPE html> declare?</p>]]></text></questiontext>
<answer fraction="100"><text>HTML5</text></answer></question></quiz>"""
    questions, errors = moodle.parse(text)
    assert errors == []
    # Escaped, it is text; raw, it is HTML markup, which the HTML text leaves out.
    assert questions[0].prompt.startswith("What does <!DOCTYPE html> or")


def test_the_format_is_told_by_content():
    assert detect_format(qti.render(bank())[0]) == "qti"
    assert detect_format(moodle.render(bank())[0].encode()) == "moodle"
    assert detect_format(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x -->\n<quiz>") == "moodle"
    assert detect_format(b"Who? {=me}") is None
    assert detect_format(b"<html><body>hi</body></html>") is None


# --- Any text round-trips ----------------------------------------------------------

# Letters, digits, spaces, and every character XML, HTML or Moodle's cloze syntax treats
# specially; no underscores, so only a cloze's own blank reads as one.
ALPHABET = st.sampled_from(list("aZé北 09.,?!<>&\"'{}~#=%/\\:;-\n"))
TEXT = st.text(ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
ANSWER = TEXT.map(lambda text: " ".join(text.split()))  # answers are one line


@st.composite
def questions(draw):
    kind = draw(st.sampled_from(["multiple_choice", "true_false", "short_answer", "cloze"]))
    explanation = draw(st.one_of(st.just(""), TEXT))
    key = draw(st.from_regex(r"[a-z0-9][-a-z0-9_]{0,39}", fullmatch=True))
    if kind == "cloze":
        before, after = draw(TEXT), draw(st.one_of(st.just(""), TEXT))
        prompt = f"{before} _____{' ' + after if after else ''}"
    else:
        prompt = draw(TEXT)
    if kind == "multiple_choice":
        choices = draw(st.lists(ANSWER, min_size=2, max_size=4, unique_by=str.casefold))
        answer = draw(st.sampled_from(choices))
        question = ExchangeQuestion(kind, prompt, answer, choices=choices)
    elif kind == "true_false":
        question = ExchangeQuestion(kind, prompt, draw(st.sampled_from(["True", "False"])))
    else:
        accepted = draw(st.lists(ANSWER, min_size=1, max_size=3, unique_by=str.casefold))
        question = ExchangeQuestion(kind, prompt, accepted[0], alternatives=accepted[1:])
    question.explanation = explanation
    question.document, question.key = "doc", key
    return question


@pytest.mark.parametrize("module", [qti, moodle], ids=["qti", "moodle"])
@settings(max_examples=150, deadline=None, derandomize=True)
@given(bank=st.lists(questions(), min_size=1, max_size=4, unique_by=lambda q: q.key))
def test_any_question_round_trips(module, bank):
    bank = [q for q in bank if not check(q) and q.choices != ["True", "False"]]
    if not bank:
        return
    data, skipped = module.render(bank, title="Any")
    read, errors = module.parse(data)
    assert errors == []
    assert [q.comparable() for q in read] == [q.comparable() for q in bank]
    assert [q.key for q in read] == [q.key for q in bank]


def test_a_package_that_unpacks_too_large_is_refused_before_reading():
    data = qti.render(bank())[0]
    huge = repackage(data, {"items/q-talks.k4.xml": b" " * (qti.MAX_ITEM_BYTES + 1)})
    assert len(huge) < 100_000  # small on disk, large unpacked
    assert qti.parse(huge)[1] == ["items/q-talks.k4.xml: over 2 MB; not a question"]

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for i in range(qti.MAX_FILES + 1):
            package.writestr(f"f{i}", b"")
    assert qti.parse(buffer.getvalue())[1] == [
        "the package is too large once unpacked; split it into smaller packages"
    ]
