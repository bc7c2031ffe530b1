#!/usr/bin/env python3
"""Precision and recall of `cica-kg draft` (the built-in rules) against hand-written facts,
by property, and its speed on a long article.

    python3 bench/draft.py [--bin target/release/cica-kg] [--speed-mb 5]

Articles: the shipped one (data/cica-backgrounder.txt, its facts file as the answer) and the
fictional test articles of tests/fixtures/draft/ (each NAME.txt with NAME.answer.toml, written
by hand before the drafter ran on them). Text-valued statements are left out (the rules do
not propose text).

A candidate is right when its subject, property, value and (for a time-varying property) its
time (point_in_time, start, end) are those of a statement of the answer. A new entity of the
draft stands for an entity of the answer whose label has the same words (one set of words
containing the other). Recall: the answer's statements proposed. Precision: of the candidates
whose subject and property the answer has, those that are right.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import tomllib
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VALUE_KEYS = ("object", "date", "integer", "boolean")
TIME_KEYS = ("point_in_time", "start", "end")


def words(label):
    return set("".join(c.lower() if c.isalnum() else " " for c in label).split())


def draft(binary, article):
    out = subprocess.run([binary, "draft", article, "--format", "json"], capture_output=True, check=True)
    return json.loads(out.stdout)


def key(record, ids=None):
    ids = ids or {}
    values = [(k, record[k]) for k in VALUE_KEYS if k in record]
    if not values:
        return None
    k, v = values[0]
    if k == "object":
        v = ids.get(v, v)
    return (ids.get(record["subject"], record["subject"]), record["property"], k, str(v),
            tuple(record.get(t) for t in TIME_KEYS))


def score(drafted, answer_statements, answer_entities):
    # Map the draft's new entities onto the answer's by label words.
    ids = {}
    for e in drafted["entities"]:
        if not e.get("new"):
            continue
        for a in answer_entities:
            w, aw = words(e["label"]), words(a["label"])
            if e["id"] == a["id"] or (w and aw and (w <= aw or aw <= w)):
                ids[e["id"]] = a["id"]
                break
    truth = {key(s) for s in answer_statements if key(s)}
    pairs = {(s["subject"], s["property"]) for s in answer_statements}
    got = [key(c, ids) for c in drafted["candidates"]]
    by = defaultdict(lambda: [0, 0, 0, 0])  # answer, found, judged candidates, right
    for t in truth:
        by[t[1]][0] += 1
        if t in got:
            by[t[1]][1] += 1
    for g in set(x for x in got if x):
        if (g[0], g[1]) in pairs:
            by[g[1]][2] += 1
            if g in truth:
                by[g[1]][3] += 1
    return by


def table(title, by):
    rows = [f"### {title}", "", "| property | in answer | found | recall | judged candidates | right | precision |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    total = [0, 0, 0, 0]
    for prop in sorted(by):
        a, f, j, r = by[prop]
        total = [x + y for x, y in zip(total, by[prop])]
        rows.append(f"| {prop} | {a} | {f} | {f / a:.2f} | {j} | {r} | {r / j:.2f} |" if a and j else
                    f"| {prop} | {a} | {f} | {f / a if a else 0:.2f} | {j} | {r} | {'-' if not j else f'{r / j:.2f}'} |")
    a, f, j, r = total
    rows.append(f"| **all** | {a} | {f} | **{f / max(a, 1):.2f}** | {j} | {r} | **{r / max(j, 1):.2f}** |")
    return "\n".join(rows), (f / max(a, 1), r / max(j, 1))


def main():
    parser = argparse.ArgumentParser()
    # CICA_KG_RELEASE_DIR names the folder of another build (see bench/machine.py).
    release = os.environ.get("CICA_KG_RELEASE_DIR", os.path.join(ROOT, "target", "release"))
    parser.add_argument("--bin", default=os.path.join(release, "cica-kg"))
    parser.add_argument("--speed-mb", type=float, default=5.0)
    parser.add_argument("--write", action="store_true", help="write the section of BENCHMARKS.md")
    args = parser.parse_args()
    out = []
    summary = []
    shipped = tomllib.load(open(os.path.join(ROOT, "data", "cica-backgrounder.toml"), "rb"))
    answer = [s for s in shipped["statement"] if "text" not in s]
    text, (rec, prec) = table("The shipped article (data/cica-backgrounder.txt; non-text statements)",
                              score(draft(args.bin, os.path.join(ROOT, "data", "cica-backgrounder.txt")), answer, []))
    out.append(text)
    out.append(f"\nshipped: recall {rec:.2f}, precision {prec:.2f}\n")
    summary.append(f"- shipped article: recall of its non-text statements **{rec:.2f}** "
                   f"({'met' if rec >= 0.8 else 'NOT met'}; target ≥ 0.8); precision {prec:.2f}")
    fixtures = os.path.join(ROOT, "tests", "fixtures", "draft")
    pooled = defaultdict(lambda: [0, 0, 0, 0])
    for name in sorted(os.listdir(fixtures)):
        if not name.endswith(".answer.toml"):
            continue
        stem = name[: -len(".answer.toml")]
        ans = tomllib.load(open(os.path.join(fixtures, name), "rb"))
        by = score(draft(args.bin, os.path.join(fixtures, stem + ".txt")), ans.get("statement", []), ans.get("entity", []))
        text, (rec, prec) = table(f"{stem}.txt (fictional, unseen)", by)
        out.append(text)
        out.append(f"\n{stem}: recall {rec:.2f}, precision {prec:.2f}\n")
        for p, v in by.items():
            pooled[p] = [x + y for x, y in zip(pooled[p], v)]
    text, (rec, prec) = table("The unseen articles together", pooled)
    out.append(text)
    out.append(f"\nunseen: recall {rec:.2f}, precision {prec:.2f}\n")
    summary.append(f"- the fictional test articles together: recall **{rec:.2f}** (target ≥ 0.6), precision where the "
                   f"answer has the subject and property **{prec:.2f}** (target ≥ 0.9); flattered, since every one of "
                   "them shaped rules after its first run (see the caveats)")
    summary.append("- the last article written before the drafter ran on it, `almaty-ministers.txt`, on its first "
                   "run: recall **0.64** (met; target ≥ 0.6), precision **0.89** (NOT met; target ≥ 0.9): the "
                   "fairest figure here; its table below is after the rules its wrong candidates led to, and "
                   "flatters the drafter. No article here is unseen now: the next fair figure needs a new one")
    if args.speed_mb > 0:
        base = open(os.path.join(ROOT, "data", "cica-backgrounder.txt"), encoding="utf-8").read()
        body = base[base.index("ASTANA"):]
        # Each copy of the body is numbered, so that not every quote repeats.
        copies = int(args.speed_mb * 1e6 / len(body))
        big = base + "".join(f"\n\nDispatch {n}. " + body for n in range(copies))
        path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "cica-draft-speed.txt")
        open(path, "w", encoding="utf-8").write(big)
        start = time.monotonic()
        res = subprocess.run([args.bin, "draft", path, "--format", "json", "-o", "/dev/null"], capture_output=True)
        took = time.monotonic() - start
        size = len(big.encode()) / 1e6
        out.append(f"speed: {size:.1f} MB drafted in {took:.2f} s (exit {res.returncode})\n")
        summary.append(f"- speed: a {size:.1f} MB article (the body repeated, each copy numbered) drafted in "
                       f"**{took:.2f} s** wall time ({'met' if took <= 5 and res.returncode == 0 else 'NOT met'}; "
                       f"target ≤ 5 s), with a release build; load average before: "
                       f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} on a shared 2-core machine")
        os.remove(path)
    print("\n".join(out))
    if args.write:
        write_section(out, summary)


def write_section(out, summary):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    section = "\n".join([
        "<!-- draft:begin -->",
        "## Drafting: precision and recall of `cica-kg draft`",
        "",
        f"Written by `bench/draft.py --write`; do not edit by hand. Run {when} on commit {commit}.",
        "",
        "The built-in drafter (its rules and the ontology's `cica:cue` annotations) against facts written by hand:",
        "the shipped article (its own facts file as the answer; text-valued statements left out, since the rules",
        "propose no text) and the fictional test articles of `tests/fixtures/draft/`, whose answers were written",
        "before the drafter first ran on them. A candidate is right when its subject, property, value and (for a",
        "time-varying property) its time are those of the answer; a new entity of the draft stands for the answer's",
        "entity with the same label words. Recall: the answer's statements proposed. Precision: of the candidates",
        "whose subject and property the answer has, those that are right.",
        "",
        "Targets (issue 20):",
        "",
        *summary,
        "",
        "Caveats: the shipped article is drafted against the shipped data, which already holds its facts (the",
        "facts-based mentions restate them). The rules and a few cues (chaired, suggested, opened, took place) were",
        "added after the first run on the first three test articles (recall then was 0.35): general rules (names the",
        "data does not know, elliptic and relative ordinals, a time said by the present tense), none keyed to their",
        "words, but those three now flatter the drafter. `regional-forum.txt` was written, with its answer, after",
        "those changes and before the drafter ever ran on it; its first run gave recall 0.50 and precision 0.86,",
        "the fairest figure here for an article never seen. Its failures then led to four more general fixes (an",
        "adjective shorter than its name, \"Uzbek\"; the dateline's place is a city; a numbered event is never a",
        "bare name; a subject after its cue comes before its value) and the cue inflections \"take(s) place\":",
        "its figures below are after them. `ulaanbaatar-ministers.txt` and `secretariat-transfer.txt` were then",
        "written, with their answers, and committed before the drafter ever ran on them; their first run gave",
        "recall 0.48, precision 0.78 and recall 0.45, precision 0.93 (all five unseen articles then: recall 0.57,",
        "precision 0.89), the fairest figures here now. Their misses, and the others', led to general rules, each",
        "with a unit test (an event told by its verb, \"relocate the secretariat from A to B\", is a new relocation;",
        "a cue's own [start]/[end], \"took over ... from {v} [end]\"; names after \"The\" and after a dateline;",
        "a name within a name; \"its\" as the owner; \"the conference\" by the head noun of a name; a chain of",
        "pronouns; appositions; ranges of days; a sentence that opens with its cue) and ontology cues (region a few",
        "words before \"in {v}\", country and capital in apposition, a presidency taken over or handed over, the",
        "forms of \"relocate\"), none keyed to their names: the figures below are after them and flatter the",
        "drafter on all five.",
        "`bishkek-handover.txt` was then written, with its answer, and committed before the drafter (the rules as",
        "merged then) ever ran on it: its first run gave recall 0.38 and precision 0.90, the only truly unseen",
        "figure for those rules. Its misses then shaped more general rules, each with a unit test on a sentence",
        "of its own (a presidency assumed and a gavel passed; a body that works in a city; a summit hosted by a",
        "city; a proposal put forward; an opening phrase before its subject; a date inside a relative clause is",
        "the nearer cue's; a title-cased name with \"on\"/\"and\" inside is one name; counts of several kinds",
        "summed; a subject a sentence leaves out is the sentence before's; \"the next summit\" a few sentences",
        "on; a cue's [start]/[end] far from the sentence's only date; \"the Kyrgyz capital\" for the dateline's",
        "city), none keyed to its names: the figures below are after them and flatter the drafter on it too.",
        "The same change added, for the mechanisms that every article had missed (recall 0.14), a meeting format",
        "named by the body that meets (\"senior officials committee\") and the cue \"works through {v}\".",
        "`almaty-ministers.txt` was written, with its answer, while those rules were made, and held out of the",
        "repository until they were merged: its first run, on the rules as they are now, gave recall 0.64 (target",
        "≥ 0.6: met) and precision 0.89 (target ≥ 0.9: missed by one candidate of 18: a count of founding members",
        "read as today's, and a presidency's hand-over read as a start), the fair figure for the drafter as it",
        "stood. On one article of 25 statements, it is a small sample. Those two, and every other wrong candidate",
        "of the articles then (8 in all), then led to general rules, each with a unit test on a sentence of its",
        "own (`src/draft/precision_tests.rs`): the earlier end of a change of a count (\"grew from 12 to 30\",",
        "\"up from 27\") is not the count; an apposition (\"the CICA, the secretariat,\") and two clauses joined",
        "by \", and\" are no list; a time inside a relative clause (\", which has chaired it since 2034,\") that",
        "holds neither the cue nor the value is not the candidate's; a range of a few days is a meeting's, not a",
        "term (the property holds on its first day); a start before an end is another fact than that end; a",
        "count beside its cue listed with a count of a noun no other count claims is summed, less sure; and the",
        "cues of a presidency passed on (\"pass … presidency to {v} [start]\", \"{v} … pass … presidency",
        "[end]\"). None is keyed to an article's names: the figures below are after them and flatter the drafter",
        "on every article here.",
        "",
        *out,
        "Re-run: `cargo build --release && python3 bench/draft.py --write` (`--bin` names another binary).",
        "<!-- draft:end -->",
    ])
    path = os.path.join(ROOT, "BENCHMARKS.md")
    text = open(path, encoding="utf-8").read()
    if "<!-- draft:begin -->" in text:
        head, rest = text.split("<!-- draft:begin -->", 1)
        text = head + section + rest.split("<!-- draft:end -->", 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    open(path, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    sys.exit(main())
