#!/usr/bin/env python3
"""Score the project's generated items against gold facts.

usage: score_gen.py ITEMS.json DOC.txt...   (gold beside each doc as NAME.gold.json)
ITEMS.json is what `manage.py ingest DOC... --dry-run --json -` prints.
Recall counts published items only (an item without "status" counts as published); validity
covers every item. Prints one figure line; exits 0 when faq_recall==1, fact_recall>=MIN_FACT,
valid>=MIN_VALID, published questions per 1,000 words <= MAX_DENSITY, every document has
MIN_KINDS kinds of published question, and at least MIN_WH of them are wh-questions.
"""

import json
import os
import re
import sys
import unicodedata

MIN_FACT = float(os.environ.get("MIN_FACT", "0.85"))
MIN_VALID = float(os.environ.get("MIN_VALID", "1.0"))
MAX_DENSITY = float(os.environ.get("MAX_DENSITY", "50"))  # published questions per 1,000 words
MIN_KINDS = int(os.environ.get("MIN_KINDS", "3"))  # kinds of published question in every document
MIN_WH = float(
    os.environ.get("MIN_WH", "0.25")
)  # share of published questions asked as who/what/where/when/which/how


def norm(s):
    s = unicodedata.normalize("NFKC", s or "").replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().casefold()


def faq_pairs(text):
    body = text.split("\n")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    try:
        i = next(k for k, p in enumerate(paras) if p.strip().upper() in ("FAQ", "FAQS"))
    except StopIteration:
        return []
    rest, pairs, k = paras[i + 1 :], [], 0
    while k < len(rest):
        if rest[k].endswith("?") and k + 1 < len(rest):
            pairs.append((rest[k], rest[k + 1]))
            k += 2
        else:
            k += 1
    return pairs


def tokens(s):
    return set(re.findall(r"\w+", norm(s)))


def check_item(q, doc_text):
    """Return a list of problems with one question."""
    bad = []
    kind, prompt, answer = q.get("kind"), q.get("prompt", ""), q.get("answer", "")
    choices = q.get("choices") or []
    if kind not in ("multiple_choice", "true_false", "cloze", "short_answer"):
        bad.append(f"unknown kind {kind!r}")
    if not prompt.strip() or not str(answer).strip():
        bad.append("empty prompt or answer")
    src = q.get("source_text", "")
    if not src or norm(src) not in norm(doc_text):
        bad.append("source_text not found in document")
    if kind == "multiple_choice":
        if len(choices) < 3:
            bad.append(f"only {len(choices)} choices")
        if [norm(c) for c in choices].count(norm(answer)) != 1:
            bad.append("answer not exactly once among choices")
        if len({norm(c) for c in choices}) != len(choices):
            bad.append("duplicate choices")
        ta = tokens(answer)
        for c in choices:
            if norm(c) == norm(answer):
                continue
            tc = tokens(c)
            if tc and ta and (tc <= ta or ta <= tc):
                bad.append(f"distractor {c!r} is an alias of answer {answer!r}")
    if kind == "true_false" and str(answer) not in ("True", "False"):
        bad.append("true_false answer not True/False")
    if kind in ("multiple_choice", "cloze", "short_answer"):
        if norm(answer) and re.search(
            r"(?<!\w)" + re.escape(norm(answer)) + r"(?!\w)", norm(prompt)
        ):
            bad.append("answer appears in prompt")
    if kind == "cloze" and not re.search(r"_{3,}", prompt):
        bad.append("cloze prompt has no blank")
    return bad


def main():
    items_path, docs = sys.argv[1], sys.argv[2:]
    data = json.load(open(items_path))
    by_source = {os.path.basename(d.get("source", "")): d for d in data.get("documents", [])}
    faq_hit = faq_all = fact_hit = fact_all = valid = total = words = pub = wh = 0
    kinds_min = 99
    misses, problems = [], []
    for path in docs:
        text = open(path, encoding="utf-8").read()
        d = by_source.get(os.path.basename(path))
        gold_path = path[:-4] + ".gold.json"
        gold = json.load(open(gold_path)) if os.path.exists(gold_path) else {"facts": []}
        pairs = faq_pairs(text)
        faq_all += len(pairs)
        fact_all += len(gold["facts"])
        if d is None:
            misses.append(f"{os.path.basename(path)}: no document in output")
            continue

        def published(items):
            return [i for i in items if i.get("status", "published") == "published"]

        cards = published(d.get("flashcards", []))
        qs_all = d.get("questions", [])
        qs = published(qs_all)
        words += len(text.split())
        pub += len(qs)
        kinds_min = min(kinds_min, len({q.get("kind") for q in qs}))
        wh += sum(
            1
            for q in qs
            if re.match(
                r"\s*(who|whom|whose|what|where|when|which|how)\b", q.get("prompt", ""), re.I
            )
        )
        fronts = {(norm(c.get("front")), norm(c.get("back"))) for c in cards}
        for q_, a_ in pairs:
            if (norm(q_), norm(a_)) in fronts:
                faq_hit += 1
            else:
                misses.append(f"faq missing: {q_}")
        for f in gold["facts"]:
            answers = [norm(f["answer"])] + [norm(a) for a in f.get("alt", [])]
            cues = [norm(c) for c in f.get("cue", [])]
            found = False
            for it in qs:
                if it.get("kind") == "true_false":
                    continue
                if norm(str(it.get("answer"))) in answers and all(
                    c in norm(it.get("prompt")) for c in cues
                ):
                    found = True
                    break
            if not found:
                for c in cards:
                    if norm(c.get("back")) in answers and all(
                        x in norm(c.get("front")) for x in cues
                    ):
                        found = True
                        break
            if found:
                fact_hit += 1
            else:
                misses.append(f"fact missing: {f['answer']} {f.get('cue')}")
        for it in qs_all:
            total += 1
            p = check_item(it, text)
            if p:
                problems.append(
                    f"{it.get('kind')}: {it.get('prompt', '')[:70]!r} -> {'; '.join(p)}"
                )
            else:
                valid += 1
    for m in misses:
        print("  " + m)
    for p in problems[:40]:
        print("  invalid " + p)
    faq_r = faq_hit / faq_all if faq_all else 1.0
    fact_r = fact_hit / fact_all if fact_all else 1.0
    valid_r = valid / total if total else 0.0
    density = 1000 * pub / words if words else 0.0
    wh_r = wh / pub if pub else 0.0
    kinds_min = 0 if kinds_min == 99 else kinds_min
    ok = (
        faq_r == 1.0
        and fact_r >= MIN_FACT
        and valid_r >= MIN_VALID
        and total > 0
        and density <= MAX_DENSITY
        and kinds_min >= MIN_KINDS
        and wh_r >= MIN_WH
    )
    print(
        f"faq_recall={faq_r:.2f} fact_recall={fact_r:.2f} ({fact_hit}/{fact_all}) valid={valid_r:.2f} ({valid}/{total})"
        f" per_1000_words={density:.0f} kinds_min={kinds_min} wh_share={wh_r:.2f} errors={len(data.get('errors', []))}"
    )
    sys.exit(0 if ok else 1)


main()
