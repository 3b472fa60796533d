"""The `ingest` command as a teacher uses it: files, folders, bad input, dry runs."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from quizapp.content.models import Document, Flashcard, Question

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "seeds" / "000_6a9714a214ac574a.txt"
GOOD = "date 2024-03-01 Leaders met in Paris.\n\nFAQ\n\nWhat is a summit?\n\nA meeting of leaders."


def run_ingest(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_seed_gives_one_flashcard_per_faq_pair_verbatim():
    status, out, _ = run_ingest(SEED)
    assert status == 0
    document = Document.objects.get()
    assert document.date.isoformat() == "2023-11-11"
    faq_cards = Flashcard.objects.filter(kind="faq")
    fronts = set(faq_cards.values_list("front", flat=True))
    assert fronts == {
        "What is a multipolar world order?",
        "What is NATO expansion?",
        "What are the main issues in the talks between China and the US?",
    }
    nato = faq_cards.get(front="What is NATO expansion?")
    assert nato.back.startswith("NATO expansion refers to the expansion of the North Atlantic")
    assert nato.source_text in document.text
    assert Flashcard.objects.filter(kind="term", front="NATO expansion").exists()
    assert "Ingested 1 document(s)" in out and "0 error(s)" in out


@pytest.mark.django_db
def test_reingesting_an_unchanged_file_changes_nothing():
    run_ingest(SEED)
    stamps = sorted(Question.objects.values_list("id", "updated_at"))
    status, out, _ = run_ingest(SEED)
    assert status == 0
    assert "1 unchanged" in out
    assert sorted(Question.objects.values_list("id", "updated_at")) == stamps


@pytest.mark.django_db
def test_bad_files_are_named_and_the_good_ones_still_go_in(tmp_path, settings):
    settings.QUIZAPP_MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "huge.txt").write_bytes(b"word " * (4 * 1024 * 1024))  # 20 MB
    empty_folder = tmp_path / "nothing_here"
    empty_folder.mkdir()
    (empty_folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    status, out, err = run_ingest(tmp_path, empty_folder, tmp_path / "missing.txt")

    assert status == 1
    assert "empty.txt: the file is empty" in err
    assert "binary.txt: this is a binary file" in err
    assert "huge.txt: the file is 20.0 MB, over the 2.0 MB limit" in err
    assert "nothing_here: the folder has no documents to ingest" in err
    assert "missing.txt: no such file or folder" in err
    assert "Traceback" not in err
    assert list(Document.objects.values_list("source_name", flat=True)) == ["good.txt"]
    assert "5 error(s)" in out


@pytest.mark.django_db
def test_windows_1252_file_is_decoded_and_says_so(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "date 2024-01-01 The caf\u00e9 opened. \u201cGood\u201d, said the mayor.".encode("cp1252")
    )
    status, _, err = run_ingest(path)
    assert status == 0
    assert "legacy.txt: not valid UTF-8; decoded as Windows-1252" in err
    assert "café" in Document.objects.get().text


@pytest.mark.django_db
def test_dry_run_writes_json_and_nothing_to_the_database(tmp_path):
    out_file = tmp_path / "items.json"
    status, _, _ = run_ingest(SEED, "--dry-run", "--json", out_file)
    assert status == 0
    assert Document.objects.count() == 0
    data = json.loads(out_file.read_text())
    [doc] = data["documents"]
    assert doc["source"] == SEED.name and doc["date"] == "2023-11-11"
    text = SEED.read_text(encoding="utf-8")
    for item in doc["flashcards"] + doc["questions"]:
        assert item["source_text"] in text
        assert item["status"] in ("published", "draft")
    for question in doc["questions"]:
        if question["kind"] == "true_false":
            assert question["choices"] == ["True", "False"]
    assert data["errors"] == []


@pytest.mark.django_db
def test_dry_run_to_stdout_is_pure_json(capsys):
    call_command("ingest", str(SEED), "--dry-run", "--json", "-")
    captured = capsys.readouterr()
    assert json.loads(captured.out)["documents"][0]["title"]


def test_json_without_dry_run_is_refused():
    status, _, err = run_ingest(SEED, "--json", "-")
    assert status == 1 and "add --dry-run" in err


@pytest.mark.django_db
def test_a_folder_is_searched_for_documents(tmp_path):
    folder = tmp_path / "docs"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(SEED, folder / "nested" / SEED.name)
    (folder / "notes.json").write_text("{}")  # not a document: skipped
    status, _, _ = run_ingest(folder)
    assert status == 0
    assert Document.objects.get().slug == "000_6a9714a214ac574a"


@pytest.mark.django_db
def test_explain_shows_every_candidate_with_its_outcome_and_saves_nothing():
    code, out, err = run_ingest(SEED, "--explain")
    assert code == 0, err
    head, *rows = out.split("\n[")
    assert "published," in head and "draft," in head and "dropped" in head
    published = [row for row in rows if row.startswith("published]")]
    dropped = [row for row in rows if row.startswith("dropped]")]
    assert published and dropped
    assert all("answer: " in row and "made by: " in row for row in rows)
    assert all("dropped by: " in row for row in dropped)
    assert any("score moved by: " in row for row in published)
    assert not Document.objects.exists()


def test_explain_takes_one_file_and_names_a_missing_one(tmp_path):
    with pytest.raises(CommandError, match="one file"):
        call_command("ingest", str(SEED), str(SEED), "--explain")
    with pytest.raises(CommandError, match="nowhere.txt"):
        call_command("ingest", str(tmp_path / "nowhere.txt"), "--explain")
