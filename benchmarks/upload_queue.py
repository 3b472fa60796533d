"""Upload speed: how long the upload page takes to queue 30 files, and worker throughput.

In one process, against a fresh SQLite database in a temporary folder (or the scratch
database `--database-url` names):

1. queueing: a teacher's POST of 30 seed-sized .txt files to /teach/upload/ through
   Django's test client (multipart parsing, checks, 30 upload rows and 30 queued tasks in
   one transaction), repeated `--rounds` times; prints each and the median (target < 1 s);
2. throughput: one worker (`manage.py db_worker --batch`, run in this process with the
   spaCy model already loaded) generating every queued document; prints documents/minute.

    .venv/bin/python benchmarks/upload_queue.py [--files 30] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 1.0


def main() -> int:
    """Time the queueing and the worker; print the figures; 0 if queueing meets the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=30, help="files per upload (30)")
    parser.add_argument("--rounds", type=int, default=5, help="uploads to time (5)")
    parser.add_argument(
        "--database-url", help="a scratch database to use instead of a temporary SQLite file"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="quizapp-bench-upload-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizapp.settings.dev")
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from ingest_speed import build_documents

    from quizapp.content.generation.analysis import get_nlp
    from quizapp.content.models import Upload

    setup_test_environment()
    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
    call_command("migrate", verbosity=0)
    docs_dir = workdir / "docs"
    docs_dir.mkdir()
    paths = build_documents(docs_dir, args.files)
    files = [(p.name, p.read_bytes()) for p in paths]
    teacher = User.objects.create_superuser("bench-teacher", password="bench-pass-1234")
    client = Client()
    client.force_login(teacher)

    client.get("/teach/upload/")  # the first request loads URLs and templates: not timed
    timings = []
    for round_ in range(args.rounds):
        # Names of their own each round: every queued file is a new document to generate.
        upload = [SimpleUploadedFile(f"r{round_}_{n}", d, "text/plain") for n, d in files]
        start = time.perf_counter()
        response = client.post("/teach/upload/", {"files": upload, "title": "", "text": ""})
        timings.append(time.perf_counter() - start)
        assert response.status_code == 302, response.content[:500]
    queued = Upload.objects.filter(state=Upload.State.QUEUED).count()
    median = statistics.median(timings)
    print(f"queue {args.files} files (POST /teach/upload/), {args.rounds} rounds:")
    print("  " + ", ".join(f"{t * 1000:.0f} ms" for t in timings))
    print(f"  median {median * 1000:.0f} ms (target < {TARGET_SECONDS * 1000:.0f} ms)")

    get_nlp()  # the model loads once per worker process; not part of the throughput
    start = time.perf_counter()
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )
    seconds = time.perf_counter() - start
    done = Upload.objects.filter(state=Upload.State.DONE).count()
    failed = Upload.objects.filter(state=Upload.State.FAILED).count()
    print(f"one worker: {done} documents generated in {seconds:.1f} s ({failed} failed)")
    print(f"  {done / seconds * 60:.0f} documents/minute ({queued} queued)")
    return 0 if median < TARGET_SECONDS and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
