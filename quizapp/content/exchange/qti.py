"""IMS QTI 2.1 content packages: the `.zip` that Canvas, Moodle and Blackboard import.

The package holds `imsmanifest.xml`, an `assessmentTest` listing the items, and one
`assessmentItem` file per question:

- multiple choice and true/false: a `choiceInteraction` with one correct `simpleChoice`;
- short answer: a `textEntryInteraction` in a paragraph of its own after the prompt, the
  answer as the correct response and every accepted answer in the mapping (score 1);
- cloze: the same interaction standing inline where the blank is in the sentence.

The explanation (the source sentence for generated questions) is the item's
`modalFeedback`, shown after answering. Identifiers come from the question's document and
key (`identifiers`), so they are the same on every export. Reading takes a package or a
single item file; anything else is reported by file and line, and nothing is saved.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from . import xml
from .identifiers import parse_identifier, question_identifier
from .model import (
    BLANK,
    BLANK_PATTERN,
    CLOZE,
    MULTIPLE_CHOICE,
    SHORT_ANSWER,
    TRUE_FALSE,
    TRUE_FALSE_CHOICES,
    ExchangeQuestion,
    check,
)

BINARY = True
EXTENSION = "zip"
MEDIA_TYPE = "application/zip"

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_SCHEMA = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_SCHEMA = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"
MANIFEST = "imsmanifest.xml"

# A package is read whole into memory, so its size is bounded before anything is read.
MAX_FILES = 5000
MAX_ITEM_BYTES = 2 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
SUPPORTED = "use multiple choice, true/false, short answer or cloze (text entry)"


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _el(parent, tag: str, text: str | None = None, **attributes):
    values = {k: xml.clean(str(v)) for k, v in attributes.items()}
    element = etree.SubElement(parent, _q(tag), values)
    if text is not None:
        element.text = xml.clean(text)
    return element


# --- Writing -----------------------------------------------------------------


def item_identifier(question: ExchangeQuestion, position: int) -> str:
    """The item's stable identifier; a question with no key gets one from its place."""
    if question.key:
        return question_identifier(question.document, question.key)
    return f"item-{position + 1}"


def render(questions: list[ExchangeQuestion], *, title: str = "Questions") -> tuple[bytes, list]:
    """The package as bytes; every supported kind is written, so nothing is skipped."""
    identifiers = [item_identifier(q, i) for i, q in enumerate(questions)]
    buffer = io.BytesIO()
    # A fixed timestamp keeps two exports of the same questions byte for byte the same.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:

        def write(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, data)

        write(MANIFEST, xml.to_bytes(manifest(identifiers, title=title)))
        write("assessment.xml", xml.to_bytes(assessment_test(identifiers, title=title)))
        for identifier, question in zip(identifiers, questions, strict=True):
            write(f"items/{identifier}.xml", xml.to_bytes(assessment_item(question, identifier)))
    return buffer.getvalue(), []


def manifest(identifiers: list[str], *, title: str):
    """`imsmanifest.xml`: the test and each item as a resource."""
    root = etree.Element(
        f"{{{CP}}}manifest",
        {"identifier": "manifest-" + (identifiers[0] if identifiers else "empty")},
        nsmap={None: CP, "xsi": XSI},
    )
    root.set(f"{{{XSI}}}schemaLocation", f"{CP} {CP_SCHEMA}")
    metadata = etree.SubElement(root, f"{{{CP}}}metadata")
    etree.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    etree.SubElement(root, f"{{{CP}}}organizations")
    resources = etree.SubElement(root, f"{{{CP}}}resources")
    test = etree.SubElement(
        resources,
        f"{{{CP}}}resource",
        identifier="resource-test",
        type=TEST_TYPE,
        href="assessment.xml",
    )
    etree.SubElement(test, f"{{{CP}}}file", href="assessment.xml")
    for identifier in identifiers:
        etree.SubElement(test, f"{{{CP}}}dependency", identifierref=f"resource-{identifier}")
    for identifier in identifiers:
        href = f"items/{identifier}.xml"
        resource = etree.SubElement(
            resources,
            f"{{{CP}}}resource",
            identifier=f"resource-{identifier}",
            type=ITEM_TYPE,
            href=href,
        )
        etree.SubElement(resource, f"{{{CP}}}file", href=href)
    return root


def _qti_root(tag: str, **attributes):
    values = {k: xml.clean(str(v)) for k, v in attributes.items()}
    root = etree.Element(_q(tag), values, nsmap={None: QTI})
    root.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_SCHEMA}")
    return root


def assessment_test(identifiers: list[str], *, title: str):
    """An `assessmentTest` that asks every item once, in order."""
    root = _qti_root("assessmentTest", identifier="test", title=title or "Questions")
    part = _el(root, "testPart", identifier="part", navigationMode="linear")
    part.set("submissionMode", "individual")
    section = _el(part, "assessmentSection", identifier="section", title=title, visible="true")
    for identifier in identifiers:
        _el(section, "assessmentItemRef", identifier=identifier, href=f"items/{identifier}.xml")
    return root


def assessment_item(question: ExchangeQuestion, identifier: str):
    """One question as an `assessmentItem`."""
    root = _qti_root(
        "assessmentItem",
        identifier=identifier,
        title=_title(question.prompt),
        adaptive="false",
        timeDependent="false",
    )
    if question.kind in (MULTIPLE_CHOICE, TRUE_FALSE):
        _choice_item(root, question)
    else:
        _text_entry_item(root, question)
    if question.explanation:
        feedback = _el(
            root,
            "modalFeedback",
            outcomeIdentifier="FEEDBACK",
            identifier="GENERAL",
            showHide="show",
        )
        feedback.text = xml.clean(question.explanation)
    return root


def _title(prompt: str) -> str:
    prompt = " ".join(prompt.split())
    return prompt if len(prompt) <= 60 else prompt[:59].rstrip() + "…"


def _outcomes(root) -> None:
    score = _el(root, "outcomeDeclaration", identifier="SCORE", cardinality="single")
    score.set("baseType", "float")
    _el(_el(score, "defaultValue"), "value", "0")
    _el(
        root,
        "outcomeDeclaration",
        identifier="FEEDBACK",
        cardinality="single",
        baseType="identifier",
    )


def _processing(root):
    """The item's `responseProcessing`: the caller sets SCORE in it, then `_show_feedback`."""
    return _el(root, "responseProcessing")


def _show_feedback(processing) -> None:
    """FEEDBACK set after any answer, so the explanation (`modalFeedback`) shows."""
    feedback = _el(processing, "setOutcomeValue", identifier="FEEDBACK")
    _el(feedback, "baseValue", "GENERAL", baseType="identifier")


def _set_score(parent, value: str) -> None:
    _el(_el(parent, "setOutcomeValue", identifier="SCORE"), "baseValue", value, baseType="float")


def _choice_item(root, question: ExchangeQuestion) -> None:
    texts = list(TRUE_FALSE_CHOICES) if question.kind == TRUE_FALSE else question.choices
    ids = [f"choice-{i + 1}" for i in range(len(texts))]
    right = next(i for i, text in zip(ids, texts, strict=True) if text == question.answer)
    response = _el(
        root,
        "responseDeclaration",
        identifier="RESPONSE",
        cardinality="single",
        baseType="identifier",
    )
    _el(_el(response, "correctResponse"), "value", right)
    _outcomes(root)
    body = _el(root, "itemBody")
    interaction = _el(
        body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="false", maxChoices="1"
    )
    _el(interaction, "prompt", question.prompt)
    for choice_id, text in zip(ids, texts, strict=True):
        _el(interaction, "simpleChoice", text, identifier=choice_id)

    # SCORE is 1 for the correct choice, else 0.
    processing = _processing(root)
    condition = _el(processing, "responseCondition")
    matched = _el(condition, "responseIf")
    match = _el(matched, "match")
    _el(match, "variable", identifier="RESPONSE")
    _el(match, "correct", identifier="RESPONSE")
    _set_score(matched, "1")
    _set_score(_el(condition, "responseElse"), "0")
    _show_feedback(processing)


def _text_entry_item(root, question: ExchangeQuestion) -> None:
    accepted = [question.answer, *question.alternatives]
    response = _el(
        root, "responseDeclaration", identifier="RESPONSE", cardinality="single", baseType="string"
    )
    _el(_el(response, "correctResponse"), "value", question.answer)
    mapping = _el(response, "mapping", defaultValue="0", lowerBound="0", upperBound="1")
    for text in accepted:
        _el(mapping, "mapEntry", mapKey=text, mappedValue="1", caseSensitive="false")
    _outcomes(root)
    body = _el(root, "itemBody")
    width = max(len(text) for text in accepted) + 2
    blank = BLANK_PATTERN.search(question.prompt) if question.kind == CLOZE else None
    if blank:
        # The interaction stands where the blank is: "Wang Yi met Lavrov in [   ] last week."
        paragraph = _el(body, "p", question.prompt[: blank.start()])
        entry = _el(
            paragraph, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength=width
        )
        entry.tail = xml.clean(question.prompt[blank.end() :])
    else:
        _el(body, "p", question.prompt)
        _el(
            _el(body, "p"),
            "textEntryInteraction",
            responseIdentifier="RESPONSE",
            expectedLength=width,
        )

    # SCORE is the mapped value of the answer typed: 1 for any accepted answer, else 0.
    processing = _processing(root)
    _el(
        _el(processing, "setOutcomeValue", identifier="SCORE"), "mapResponse", identifier="RESPONSE"
    )
    _show_feedback(processing)


# --- Reading -----------------------------------------------------------------


def parse(data: bytes | str) -> tuple[list[ExchangeQuestion], list[str]]:
    """Questions read from a QTI 2.1 package (or one item file), and what stopped any."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.startswith(b"PK"):
        return _parse_files([("", data)])
    try:
        files = _package_files(data)
    except ValueError as exc:
        return [], [str(exc)]
    return _parse_files(files)


def _read_member(package: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = package.getinfo(name)
    except KeyError:
        raise ValueError(
            f"{MANIFEST}: it lists '{name}', which the package does not hold"
        ) from None
    if info.file_size > MAX_ITEM_BYTES:
        raise ValueError(f"{name}: over {MAX_ITEM_BYTES // (1024 * 1024)} MB; not a question")
    with package.open(info) as member:
        data = member.read(MAX_ITEM_BYTES + 1)
    if len(data) > MAX_ITEM_BYTES:
        raise ValueError(f"{name}: over {MAX_ITEM_BYTES // (1024 * 1024)} MB; not a question")
    return data


def _package_files(data: bytes) -> list[tuple[str, bytes]]:
    """(name, bytes) of each item file the manifest lists, in its order."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValueError(
            "the file is not a readable .zip (damaged or cut short); export the package again"
        ) from None
    if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise ValueError("the package is too large once unpacked; split it into smaller packages")
    names = {i.filename for i in infos}
    if MANIFEST not in names:
        raise ValueError(f"the .zip holds no {MANIFEST}, so it is not a QTI content package")
    try:
        root = xml.parse(_read_member(package, MANIFEST))
    except xml.XMLProblem as exc:
        raise ValueError(f"{MANIFEST} {exc}") from None
    items = []
    for resource in xml.descendants(root, "resource"):
        kind = resource.get("type", "")
        if not kind.startswith("imsqti_item_xmlv2p"):
            continue
        href = resource.get("href") or next(
            (f.get("href") for f in xml.children(resource, "file") if f.get("href")), ""
        )
        if not href:
            raise ValueError(
                f"{MANIFEST} line {resource.sourceline}: a <resource> of type {kind} names no file"
            )
        name = posixpath.normpath(href)
        items.append((name, _read_member(package, name)))
    if not items:
        raise ValueError(
            f"{MANIFEST} lists no QTI 2.1 items (resources of type {ITEM_TYPE}); "
            "export the questions as QTI 2.1"
        )
    return items


def _parse_files(files: list[tuple[str, bytes]]) -> tuple[list[ExchangeQuestion], list[str]]:
    questions, errors = [], []
    for name, data in files:
        where = f"{name} " if name else ""
        try:
            root = xml.parse(data)
        except xml.XMLProblem as exc:
            errors.append(f"{where}{exc}")
            continue
        try:
            question = read_item(root)
        except ItemProblem as exc:
            errors.append(f"{where}line {exc.line}: {exc}")
            continue
        question.line = root.sourceline or 1
        question.where = name
        problems = check(question)
        if problems:
            errors.append(f"{where}line {question.line}: " + "; ".join(p.message for p in problems))
            continue
        questions.append(question)
    return questions, errors


class ItemProblem(ValueError):
    def __init__(self, message: str, element):
        super().__init__(message)
        self.line = getattr(element, "sourceline", None) or 1


def read_item(root) -> ExchangeQuestion:
    """The question an `assessmentItem` element asks."""
    if xml.local(root) != "assessmentItem":
        raise ItemProblem(
            f"<{xml.local(root)}> is not a QTI assessmentItem; export the questions as QTI 2.1",
            root,
        )
    body = xml.child(root, "itemBody")
    if body is None:
        raise ItemProblem("the <assessmentItem> has no <itemBody>", root)
    interactions = [
        e for e in body.iter() if isinstance(e.tag, str) and xml.local(e).endswith("Interaction")
    ]
    if len(interactions) != 1:
        raise ItemProblem(
            f"an item with {len(interactions)} interactions; each question needs exactly one",
            body,
        )
    interaction = interactions[0]
    kind = xml.local(interaction)
    if kind not in ("choiceInteraction", "textEntryInteraction"):
        raise ItemProblem(f"<{kind}> questions are not supported; {SUPPORTED}", interaction)
    response = _declaration(root, interaction)
    feedback = [xml.text_of(f).strip() for f in xml.children(root, "modalFeedback")]
    explanation = "\n".join(f for f in feedback if f)
    identifier = parse_identifier(root.get("identifier", ""))
    document, key = identifier or ("", "")
    if kind == "choiceInteraction":
        question = _read_choice(interaction, response)
    else:
        question = _read_text_entry(body, interaction, response)
    question.explanation = explanation
    question.document, question.key = document, key
    return question


def _declaration(root, interaction):
    wanted = interaction.get("responseIdentifier", "")
    for declaration in xml.children(root, "responseDeclaration"):
        if declaration.get("identifier") == wanted:
            return declaration
    raise ItemProblem(f"no <responseDeclaration> for the response '{wanted}'", interaction)


def _correct_values(response) -> list[str]:
    correct = xml.child(response, "correctResponse")
    return [] if correct is None else [xml.text_of(v) for v in xml.children(correct, "value")]


def _read_choice(interaction, response) -> ExchangeQuestion:
    if interaction.get("maxChoices", "1") != "1":
        raise ItemProblem(
            "questions with several right choices (maxChoices other than 1) are not supported; "
            + SUPPORTED,
            interaction,
        )
    prompt = xml.text_of(xml.child(interaction, "prompt")).strip()
    if not prompt:  # the prompt may sit in the item body before the interaction
        body = interaction.getparent()
        prompt = " ".join(
            xml.text_of(p).strip()
            for p in body
            if p is not interaction and isinstance(p.tag, str) and xml.text_of(p).strip()
        )
    choices = [
        (c.get("identifier", ""), xml.text_of(c).strip())
        for c in interaction.iter()
        if isinstance(c.tag, str) and xml.local(c) == "simpleChoice"
    ]
    right_ids = _correct_values(response)
    if len(right_ids) != 1:
        raise ItemProblem(
            f"a choice question needs exactly one correct response (it has {len(right_ids)})",
            response,
        )
    right = [text for identifier, text in choices if identifier == right_ids[0].strip()]
    if not right:
        raise ItemProblem(
            f"the correct response '{right_ids[0]}' is not one of the choices", response
        )
    texts = [text for _, text in choices]
    if tuple(texts) == TRUE_FALSE_CHOICES:
        return ExchangeQuestion(kind=TRUE_FALSE, prompt=prompt, answer=right[0])
    return ExchangeQuestion(kind=MULTIPLE_CHOICE, prompt=prompt, answer=right[0], choices=texts)


def _read_text_entry(body, interaction, response) -> ExchangeQuestion:
    correct = [v.strip() for v in _correct_values(response) if v.strip()]
    mapping = xml.child(response, "mapping")
    mapped = []
    if mapping is not None:
        for entry in xml.children(mapping, "mapEntry"):
            try:
                value = float(entry.get("mappedValue", "0"))
            except ValueError:
                raise ItemProblem("a <mapEntry> whose mappedValue is not a number", entry) from None
            if value > 0 and entry.get("mapKey", "").strip():
                mapped.append(entry.get("mapKey").strip())
    accepted = list(dict.fromkeys([*correct, *mapped]))
    if not accepted:
        raise ItemProblem("a text-entry question with no correct response", response)
    block = interaction.getparent()
    before, after = _around(block, interaction)
    if (before + after).strip():
        # Inline in a sentence: a cloze, the interaction standing for the blank.
        # Stripped: a pretty-printed file may put line breaks either side of the sentence.
        prompt = (before + BLANK + after).strip()
        kind = CLOZE
    else:
        parts = [
            xml.text_of(e).strip()
            for e in body
            if isinstance(e.tag, str) and e is not block and xml.text_of(e).strip()
        ]
        prompt = "\n".join(parts)
        kind = SHORT_ANSWER
    return ExchangeQuestion(kind=kind, prompt=prompt, answer=accepted[0], alternatives=accepted[1:])


def _around(block, interaction) -> tuple[str, str]:
    """The text of `block` before and after `interaction`."""
    before, after, seen = [block.text or ""], [], False
    for element in block:
        if element is interaction:
            seen = True
            after.append(element.tail or "")
            continue
        text = etree.tostring(element, method="text", encoding="unicode", with_tail=True)
        (after if seen else before).append(text)
    return "".join(before), "".join(after)
