"""Writes a generated gids content folder for the search benchmark.

Usage: generate_content.py --pages N --out DIR [--seed S] [--words-from DIR]

Deterministic from the seed. The vocabulary is taken from the Markdown of --words-from (the
real guides) plus a long tail of compounds of those words (twenty times as many forms), so the
text is Dutch words in a Zipf-like mix (word k about 1/k as frequent).
Three phased guides of four phases; each page has a title, a summary and four sections of
about 70 words. No links or images: the benchmark measures search, not link checking.
"""
import argparse
import os
import random
import re


def vocabulary(folder):
    words = {}
    for root, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".md"):
                text = open(os.path.join(root, name), encoding="utf-8").read().lower()
                for word in re.findall(r"[a-zà-ÿ]{3,}", text):
                    words[word] = words.get(word, 0) + 1
    return [w for w, _ in sorted(words.items(), key=lambda item: (-item[1], item[0]))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--words-from", default=os.path.join(os.path.dirname(__file__), "..", "..", "content"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words = vocabulary(args.words_from)
    # A long tail of compounds of those words, as a large site has many distinct words (a real
    # vocabulary grows with the text; without this the index would be unfairly small).
    seen = set(words)
    base = list(words)
    while len(words) < 20 * len(base):
        compound = rng.choice(base[:400]) + rng.choice(base)
        if compound not in seen:
            seen.add(compound)
            words.append(compound)
    weights = [1.0 / (rank + 1) for rank in range(len(words))]

    def sentence(n):
        chosen = rng.choices(words, weights=weights, k=n)
        return " ".join(chosen).capitalize() + "."

    out = args.out.rstrip("/")
    os.makedirs(out, exist_ok=True)
    with open(out + "/site.yml", "w") as f:
        f.write("title: Benchmark\nlanguage: nl\ndomains:\n  - id: wmo\n    title: Wmo 2015\n")
    with open(out + "/index.md", "w") as f:
        f.write("---\ntitle: Benchmark\nsummary: Gegenereerde gidsen.\n---\nTekst.\n")
    phases = ["voorbereiden", "beleid", "uitvoeren", "evalueren"]
    for g in range(3):
        folder = "%s/gids%d" % (out, g)
        os.makedirs(folder, exist_ok=True)
        with open(folder + "/guide.yml", "w") as f:
            f.write("title: Gids %d\nsummary: Een gegenereerde gids.\nphases:\n" % g)
            for p in phases:
                f.write("  - id: %s\n    title: %s\n    summary: Fase %s.\n" % (p, p.capitalize(), p))
    for i in range(args.pages):
        g, p = i % 3, phases[(i // 3) % 4]
        body = []
        for _ in range(4):
            body.append("## " + " ".join(rng.choices(words, weights=weights, k=3)).capitalize())
            body.append(" ".join(sentence(12) for _ in range(6)))
        with open("%s/gids%d/p%d.md" % (out, g, i), "w") as f:
            f.write("---\ntitle: %s\nsummary: %s\nphase: %s\n---\n%s\n" % (
                " ".join(rng.choices(words, weights=weights, k=3)).capitalize(), sentence(12), p, "\n\n".join(body)))


if __name__ == "__main__":
    main()
