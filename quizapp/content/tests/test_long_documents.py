"""A long document is generated a section at a time: each section parsed on its own and
dropped, each with its own question budget, its progress on the uploads page as it goes,
and nothing saved until the whole of it is generated."""

from __future__ import annotations

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from quizapp.content import long_documents, upload_worker
from quizapp.content.generation.selection import budget_for
from quizapp.content.ingest import generate_text, ingest_paths, ingest_text
from quizapp.content.long_documents import Step, pieces_of
from quizapp.content.models import Document, Question, Section, Upload
from quizapp.content.parsing import parse_document, part_index
from quizapp.content.uploads import Incoming, queue_uploads, requeue_abandoned

HTMX = {"HTTP_HX_REQUEST": "true"}

CANALS = [
    ("The Bridgewater Canal", "Francis Egerton", "Worsley", "Manchester", "1761", "coal"),
    ("The Erie Canal", "DeWitt Clinton", "Albany", "Buffalo", "1825", "grain"),
    ("The Suez Canal", "Ferdinand de Lesseps", "Port Said", "Suez", "1869", "cotton"),
    ("The Panama Canal", "George Washington Goethals", "Colon", "Balboa", "1914", "oil"),
]


def section_text(name, builder, start, end, year, cargo) -> list[str]:
    """Two paragraphs about one canal: its builder, its ends, its year and its cargo."""
    return [
        f"{builder} was the engineer behind {name[4:]}. Work began at {start} in the spring, "
        f"and the first boats reached {end} in {year}. Newspapers in {start} called "
        f"{builder} the most stubborn man in the country.",
        f"Within ten years {name[4:]} carried more {cargo} than any road in the region. "
        f"Merchants in {end} paid {builder} a gold medal, and the town of {start} named a "
        f"street after the canal. The price of {cargo} in {end} fell by half.",
    ]


def chapter(sections=CANALS, *, faq=True) -> str:
    parts = ["date 1930-05-01", "# A history of canals"]
    for canal in sections:
        parts.append(f"## {canal[0]}")
        parts.extend(section_text(*canal))
    if faq:
        parts += ["FAQ", "What is a lock?", "A chamber that lifts boats from one level to another."]
    return "\n\n".join(parts)


def words_of(paragraphs) -> int:
    return sum(len(p.split()) for p in paragraphs)


@pytest.fixture
def analysed(monkeypatch):
    """The texts spaCy is given, in order (the real analysis runs)."""
    texts: list[str] = []
    real = long_documents.analyse

    def analyse(documents, **kwargs):
        texts.extend(d.body for d in documents)
        return real(documents, **kwargs)

    monkeypatch.setattr(long_documents, "analyse", analyse)
    return texts


def test_a_long_document_is_cut_at_its_headings_and_a_long_section_between_paragraphs():
    text = chapter(CANALS[:2]) + "\n\n"  # FAQ last: the second section is the long one
    parsed = parse_document(
        text.replace(
            "## The Erie Canal", "## The Erie Canal\n\n" + "\n\n".join(section_text(*CANALS[1]) * 2)
        )
    )
    pieces = pieces_of(parsed, max_words=100)

    assert [p.heading for p in pieces] == ["The Bridgewater Canal"] + ["The Erie Canal"] * 3
    assert all(words_of(p.document.paragraphs) <= 100 for p in pieces)
    assert sum((p.document.paragraphs for p in pieces), ()) == parsed.paragraphs
    assert [len(p.document.faq) for p in pieces] == [1, 0, 0, 0]  # the FAQ once, first
    assert {(p.document.title, p.document.date) for p in pieces} == {(parsed.title, parsed.date)}
    # Each piece's budget is counted on its own words.
    assert pieces[1].document.word_count == words_of(pieces[1].document.paragraphs)
    assert pieces_of(parsed, max_words=parsed.word_count) == []  # short enough: one block


def test_a_long_document_without_headings_is_cut_into_runs_of_paragraphs():
    paragraphs = [p for canal in CANALS for p in section_text(*canal)]
    parsed = parse_document("\n\n".join(["# Canals", *paragraphs]))
    pieces = pieces_of(parsed, max_words=200)

    assert len(pieces) == 2 and {p.heading for p in pieces} == {""}
    assert sum((p.document.paragraphs for p in pieces), ()) == parsed.paragraphs
    assert str(Step(1, 2)) == "part 1 of 2"


@pytest.mark.django_db
def test_each_section_is_parsed_on_its_own_and_keeps_its_own_question_budget(settings, analysed):
    settings.QUIZAPP_SECTION_WORDS = 120
    text = chapter()
    parsed = parse_document(text)
    parts = parsed.parts()
    steps: list[Step] = []

    generated = generate_text(source_name="canals.md", text=text, on_step=steps.append)

    assert steps == [Step(n, 4, canal[0]) for n, canal in enumerate(CANALS, 1)]
    assert str(steps[1]) == "section 2 of 4, \u2018The Erie Canal\u2019"
    # spaCy saw one section at a time, never the whole chapter.
    assert analysed == ["\n\n".join(part.paragraphs) for part in parts]
    published = [q for q in generated.items.questions if q.published]
    per_section = [
        [q for q in published if part_index(parts, q.source_text) == index]
        for index in range(len(parts))
    ]
    assert all(per_section), "every section gets questions"
    budgets = [budget_for(part.word_count) for part in parts]
    assert all(len(got) <= budget for got, budget in zip(per_section, budgets, strict=True))
    assert any(len(got) == budget for got, budget in zip(per_section, budgets, strict=True))
    # The whole chapter's budget would have allowed fewer.
    assert len(published) > budget_for(parsed.word_count)
    keys = [q.key for q in generated.items.questions]
    assert len(keys) == len(set(keys))
    faq_cards = [c for c in generated.items.flashcards if c.kind == "faq"]
    assert [c.front for c in faq_cards] == ["What is a lock?"]


@pytest.mark.django_db
def test_a_short_document_is_generated_as_one_block(settings, analysed):
    settings.QUIZAPP_SECTION_WORDS = 2000
    steps: list[Step] = []
    generate_text(source_name="canals.md", text=chapter(), on_step=steps.append)
    assert steps == []
    assert analysed == [parse_document(chapter()).body]


@pytest.mark.django_db
def test_a_chapter_saved_a_section_at_a_time_files_its_items_under_their_sections(settings):
    settings.QUIZAPP_SECTION_WORDS = 120
    [result] = ingest_text(source_name="canals.md", text=chapter()).saved

    sections = list(Section.objects.filter(document=result.document))
    assert [s.heading for s in sections] == [c[0] for c in CANALS]
    for section, canal in zip(sections, CANALS, strict=True):
        questions = Question.objects.in_section(section)
        assert questions.exists()
        assert all(q.source_text in "\n\n".join(section_text(*canal)) for q in questions)
    # Ingesting it again finds the same items (keys are stable): nothing changes.
    [again] = ingest_text(source_name="canals.md", text=chapter()).saved
    assert again.outcome == "unchanged"
    [forced] = ingest_text(source_name="canals.md", text=chapter(), force=True).saved
    assert forced.questions == result.questions


def test_the_uploads_page_shows_the_section_being_generated(
    client, teacher, run_worker, settings, monkeypatch
):
    settings.QUIZAPP_SECTION_WORDS = 120
    batch = queue_uploads(
        teacher=teacher, incoming=[Incoming.from_text(name="canals.md", text=chapter())]
    )
    client.force_login(teacher)
    url = f"/teach/uploads/{batch.batch}/"
    seen: list[str] = []
    real = long_documents.analyse

    def look_at_the_page():
        from django.db import connection

        try:  # another connection, as the teacher's browser has: it sees only what is committed
            seen.append(client.get(url, **HTMX).content.decode())
        finally:
            connection.close()

    def analyse(documents, **kwargs):
        if "Suez" in documents[0].body:  # the third section
            look = threading.Thread(target=look_at_the_page)
            look.start()
            look.join()
        return real(documents, **kwargs)

    monkeypatch.setattr(long_documents, "analyse", analyse)
    run_worker()

    [during] = seen
    assert "Generating: section 3 of 4, \u2018The Suez Canal\u2019" in during
    assert '<progress max="4" value="2"' in during
    assert 'hx-trigger="every 1s"' in during and "0 of 1 file done" in during
    after = client.get(url, **HTMX).content.decode()
    assert "1 of 1 file done" in after and "Generating:" not in after
    upload = Upload.objects.get()
    assert upload.state == Upload.State.DONE, upload.error
    assert upload.document.sections.count() == 4


def test_a_chapter_that_fails_mid_way_saves_nothing_and_says_why(
    teacher, run_worker, settings, monkeypatch
):
    settings.QUIZAPP_SECTION_WORDS = 120
    queue_uploads(teacher=teacher, incoming=[Incoming.from_text(name="canals.md", text=chapter())])
    real = long_documents.analyse

    def analyse(documents, **kwargs):
        if "Suez" in documents[0].body:
            raise MemoryError
        return real(documents, **kwargs)

    monkeypatch.setattr(long_documents, "analyse", analyse)
    run_worker()

    upload = Upload.objects.get()
    assert upload.state == Upload.State.FAILED
    assert "MemoryError" in upload.error and "nothing was saved" in upload.error
    assert not Document.objects.exists()
    assert not Section.objects.exists()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_worker_whose_upload_was_taken_over_stops_at_the_next_section(
    teacher, settings, monkeypatch
):
    settings.QUIZAPP_SECTION_WORDS = 120
    queue_uploads(teacher=teacher, incoming=[Incoming.from_text(name="canals.md", text=chapter())])
    upload = Upload.objects.get()
    real = long_documents.analyse
    analysed: list[str] = []

    def analyse(documents, **kwargs):
        analysed.append(documents[0].body)
        if "Albany" in documents[0].body:  # the second section: the sweep took it for dead
            Upload.objects.filter(pk=upload.pk).update(state=Upload.State.QUEUED)
        return real(documents, **kwargs)

    monkeypatch.setattr(long_documents, "analyse", analyse)
    assert upload_worker.generate(upload.pk) == "superseded"
    assert len(analysed) == 2
    assert not Document.objects.exists()
    assert Upload.objects.get().state == Upload.State.QUEUED


@pytest.mark.django_db
def test_a_worker_reporting_sections_is_not_taken_for_dead_but_a_silent_one_is(teacher, settings):
    queue_uploads(teacher=teacher, incoming=[Incoming.from_text(name="canals.md", text=chapter())])
    now = timezone.now()
    long_ago = now - timedelta(seconds=settings.QUIZAPP_UPLOAD_STALE_SECONDS + 1)
    # Started long ago, but it reported a section a moment ago: a long chapter at work.
    Upload.objects.update(
        state="generating", attempts=1, started_at=long_ago, progress_at=now, section_count=4
    )
    assert requeue_abandoned() == 0
    # No word from it since long ago: its worker died mid-chapter.
    Upload.objects.update(progress_at=long_ago)
    assert requeue_abandoned() == 1
    assert Upload.objects.get().state == Upload.State.QUEUED


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.django_db
def test_the_ingest_command_shows_the_section_of_a_long_file(tmp_path, settings, monkeypatch):
    settings.QUIZAPP_SECTION_WORDS = 120
    (tmp_path / "canals.md").write_text(chapter(), encoding="utf-8")
    (tmp_path / "lock.txt").write_text(
        "date 2024-03-01 The lock at Worsley opened in 1761.", encoding="utf-8"
    )
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    out = StringIO()

    call_command("ingest", str(tmp_path), stdout=out, stderr=StringIO())

    assert "Ingested 2 document(s)" in out.getvalue()
    shown = terminal.getvalue()
    assert "canals.md: section 1 of 4, \u2018The Bridgewater Canal\u2019" in shown
    assert "canals.md: section 4 of 4, \u2018The Panama Canal\u2019" in shown
    assert "lock.txt:" not in shown
    assert "2/2 files" in shown
    assert Document.objects.get(slug="canals").sections.count() == 4


@pytest.mark.django_db
def test_a_dry_run_of_a_long_file_reports_every_section(tmp_path, settings):
    settings.QUIZAPP_SECTION_WORDS = 120
    (tmp_path / "canals.md").write_text(chapter(), encoding="utf-8")
    steps: list[tuple[str, Step]] = []
    report = ingest_paths([str(tmp_path)], dry_run=True, on_step=lambda *a: steps.append(a))
    assert [(name, step.number) for name, step in steps] == [("canals.md", n) for n in (1, 2, 3, 4)]
    assert report.questions > 0 and not Document.objects.exists()


@pytest.mark.django_db
def test_explaining_a_long_file_goes_section_by_section(tmp_path, settings, analysed):
    settings.QUIZAPP_SECTION_WORDS = 120
    (tmp_path / "canals.md").write_text(chapter(), encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(tmp_path / "canals.md"), explain=True, stdout=out)

    shown = out.getvalue()
    assert shown.startswith("A history of canals: ")
    assert all(canal[1] in shown for canal in CANALS)  # every section's questions
    assert len(analysed) == len(CANALS)


@pytest.mark.django_db
def test_a_stored_chapter_lends_its_names_read_a_section_at_a_time(settings, analysed):
    from django.core.cache import cache

    settings.QUIZAPP_SECTION_WORDS = 120
    ingest_text(source_name="canals.md", text=chapter())
    cache.clear()  # its names are read again from its text
    analysed.clear()

    article = "date 1930-06-01 The Kiel Canal opened in 1895. It joins the North Sea to the Baltic."
    generate_text(source_name="kiel.txt", text=article)

    parts = parse_document(chapter()).parts()
    assert analysed == [article[16:]] + ["\n\n".join(part.paragraphs) for part in parts]
