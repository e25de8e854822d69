"""Writes the corpus of the build benchmark: one site as a gids content folder and as a Hugo site.

Usage: generate_corpus.py --pages N --out DIR [--seed S] [--words-from DIR]

Writes DIR/gids (content folder: site.yml, index.md, guides with guide.yml and pages, images)
and DIR/hugo (a Hugo site: config.toml, content/, layouts/, static/) with the same pages: the
same Markdown bodies, with the links written the way each generator wants them, and
DIR/corpus.json (counts). Deterministic from --seed (and the words of --words-from, the real
guides).

The text is Dutch: an order-2 Markov chain over the sentences of the real guides, with a long
tail of compound words (as a large site has many distinct words). Each page has an intro, 3 to
6 `##` sections (some with `###` subsections, lists and images) and about 20 internal links,
most with a `#fragment` naming a real heading of the target page. Headings are the real
guides' headings (with their punctuation, accents and repeats) and generated ones. The ids are
computed with each generator's own rule, so every fragment is valid in both:
- gids (`Sources/GidsCore/Slug.swift`): NFKD, combining marks dropped, lowercased; letters
  and digits kept; space, `-`, `_`, tab become `-` (runs collapsed, trimmed); empty is
  `sectie`; a repeat gets `-1`, `-2`, ... (skipping ids taken).
- Hugo (goldmark, `autoHeadingIDType = "github"`): trimmed; space and `-` become `-` (not
  collapsed); letters (accents kept), digits and `_` kept, lowercased; everything else
  dropped; empty is `heading`; a repeat gets `-1`, `-2`, ...
Hugo percent-encodes the non-ASCII fragment in the href; browsers (and `gids check --site`)
decode it before comparing.

Hugo layout (DIR/hugo/layouts): one section per guide and a nested section per phase
(content/<guide>/<phase>/<page>.md, URL /<guide>/<phase>/<page>/), list pages for home,
guides, phases, the `domains` taxonomy and its terms; every page has breadcrumbs
(.Ancestors), the guide's phases, previous/next in its section (.PrevInSection,
.NextInSection), its domains and its related pages (site.GetPage); an RSS feed per guide only
(gids writes an Atom feed per guide); sitemap and robots.txt (gids writes both, as site.yml
has a base_url). Goldmark's extensions beyond CommonMark (typographer, linkify, tables, ...)
are off, as gids renders plain CommonMark; minify is off (default).
"""
import argparse
import json
import os
import posixpath
import random
import re
import shutil
import struct
import unicodedata
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

DOMAINS = [
    ("wmo", "Wmo 2015"),
    ("jeugdwet", "Jeugdwet"),
    ("participatiewet", "Participatiewet"),
    ("onderwijs", "Onderwijs"),
    ("sport", "Sport"),
    ("veiligheid", "Veiligheid"),
    ("zorg", "Zorg en eerstelijnszorg"),
    ("werk-en-inkomen", "Werk en inkomen"),
]
GUIDES = [
    ("mantelzorggids", "Mantelzorggids"),
    ("regenbooggids", "Regenbooggids voor gemeenten"),
    ("participatiegids", "Gids burgerparticipatie"),
    ("jeugdgids", "Gids jeugd en gezin"),
    ("armoedegids", "Gids armoede en schulden"),
]
PHASES = [
    ("voorbereiden", "Voorbereiden"),
    ("visie-en-beleid", "Visie en beleid"),
    ("uitvoeren", "Uitvoeren"),
    ("evalueren", "Evalueren"),
]
# Headings that recur on many pages (real guides repeat some, e.g. "Over deze beschrijving").
COMMON_HEADINGS = ["Aan de slag", "Voorbeelden uit de praktijk", "Meer weten", "Overzicht", "Wat kun je doen?"]
IMAGES = [("kaart.png", "png"), ("schema.png", "png"), ("fasen.svg", "svg"), ("overzicht.svg", "svg")]
END = None


# --- heading ids -------------------------------------------------------------------------------


def gids_slug(text):
    """Sources/GidsCore/Slug.swift (`Slug.make`)."""
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.category(c).startswith("M")
    ).lower()
    out = []
    pending = False
    for c in folded:
        if c.isalpha() or unicodedata.numeric(c, None) is not None:
            if pending and out:
                out.append("-")
            pending = False
            out.append(c)
        elif c in " -_\t":
            pending = True
    return "".join(out) or "sectie"


def hugo_slug(text):
    """Hugo's goldmark autoid with autoHeadingIDType "github" (markup/goldmark/autoid.go)."""
    out = []
    for c in text.strip():
        if c in "- ":
            out.append("-")
        elif c == "_" or c.isalpha() or unicodedata.category(c) == "Nd":
            out.append(c.lower())
    return "".join(out) or "heading"


def unique(base, used):
    candidate, counter = base, 0
    while candidate in used:
        counter += 1
        candidate = "%s-%d" % (base, counter)
    used.add(candidate)
    return candidate


# --- text --------------------------------------------------------------------------------------

TOKEN = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ][0-9A-Za-zÀ-ÖØ-öø-ÿ'’\-]*|[,;:]")


def read_guides(folder):
    """(sentences as token lists, headings) of the Markdown under folder."""
    sentences, headings = [], []
    for root, dirs, files in sorted(os.walk(folder)):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            text = open(os.path.join(root, name), encoding="utf-8").read()
            if text.startswith("---\n"):
                text = text[text.find("\n---", 4) + 4:]
            prose = []
            for line in text.split("\n"):
                if line.startswith("#"):
                    heading = line.lstrip("#").strip()
                    if heading:
                        headings.append(heading)
                    continue
                prose.append(line)
            text = "\n".join(prose)
            text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
            text = re.sub(r"https?://\S+", " ", text)
            for chunk in re.split(r"(?<=[.?!])\s+|\n\s*\n", text):
                tokens = TOKEN.findall(chunk)
                while tokens and not tokens[0][0].isalpha():
                    tokens.pop(0)
                if len([t for t in tokens if t not in ",;:"]) >= 4:
                    end = chunk.rstrip()[-1:] if chunk.rstrip()[-1:] in "?!" else "."
                    sentences.append(tokens + [end])
    return sentences, headings


class Text:
    def __init__(self, rng, sentences, headings):
        self.rng = rng
        self.chain = {}
        self.starts = []
        words = {}
        for sentence in sentences:
            self.starts.append((sentence[0], sentence[1]))
            state = (END, sentence[0])
            for token in sentence[1:] + [END]:
                self.chain.setdefault(state, []).append(token)
                state = (state[1], token)
            for token in sentence:
                if token[0].isalpha():
                    words[token.lower()] = words.get(token.lower(), 0) + 1
        vocabulary = [w for w, _ in sorted(words.items(), key=lambda item: (-item[1], item[0])) if len(w) > 3]
        # A long tail of compounds of real words, used for 1 word in 25.
        seen = set(vocabulary)
        self.tail = []
        while len(self.tail) < 20 * len(vocabulary):
            compound = rng.choice(vocabulary[:400]) + rng.choice(vocabulary).replace("’", "").replace("'", "")
            if compound not in seen:
                seen.add(compound)
                self.tail.append(compound)
        self.headings = sorted(set(headings))
        self.nouns = [w for w in vocabulary if len(w) > 5][:1500]

    def sentence(self):
        """A list of tokens ending in '.', '?' or '!'."""
        rng = self.rng
        first, second = rng.choice(self.starts)
        tokens = [first, second]
        state = (first, second)
        while len(tokens) < 40:
            token = rng.choice(self.chain[state])
            if token is END:
                break
            tokens.append(token)
            state = (state[1], token)
        end = tokens.pop() if tokens[-1] in ".?!" else "."
        while tokens[-1] in ",;:":
            tokens.pop()
        tokens.append(end)
        for i in range(1, len(tokens) - 1):
            if rng.random() < 0.04 and tokens[i][0].isalpha() and tokens[i].islower():
                tokens[i] = rng.choice(self.tail)
        return tokens

    def title(self):
        rng = self.rng
        words = [rng.choice(self.nouns) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.3:
            words.insert(1, rng.choice(["en", "in", "voor", "met", "van"]))
        return " ".join(words).capitalize()

    def heading(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.5:
            return rng.choice(self.headings)
        if roll < 0.6:
            return rng.choice(COMMON_HEADINGS)
        return self.title()


def join(tokens):
    out = ""
    for token in tokens:
        if token in ",;:.?!" or not out:
            out += token
        else:
            out += " " + token
    return out


# --- images ------------------------------------------------------------------------------------


def png(width, height, rng):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    colour = bytes(rng.randrange(256) for _ in range(3))
    rows = b"".join(b"\x00" + colour * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def svg(label, rng):
    hue = rng.randrange(360)
    boxes = "".join(
        '<rect x="%d" y="20" width="70" height="40" rx="6" fill="hsl(%d,60%%,70%%)"/>'
        '<text x="%d" y="45" font-size="12" text-anchor="middle">%s</text>' % (10 + 80 * i, (hue + 40 * i) % 360, 45 + 80 * i, t)
        for i, (_, t) in enumerate(PHASES)
    )
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 330 80" role="img"><title>%s</title>%s</svg>\n'
            % (label, boxes))


# --- writing -----------------------------------------------------------------------------------


def yaml_string(text):
    return json.dumps(text, ensure_ascii=False)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


HUGO_CONFIG = """baseURL = "https://gids.example.org/"
languageCode = "nl"
title = "Benchmark"
enableRobotsTXT = true
disableHugoGeneratorInject = true

[outputs]
home = ["HTML"]
section = ["HTML"]
page = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]

[taxonomies]
domain = "domains"

[markup.goldmark.parser]
autoHeadingID = true
autoHeadingIDType = "github"

[markup.goldmark.renderer]
unsafe = false

[markup.goldmark.extensions]
typographer = false
linkify = false
table = false
strikethrough = false
taskList = false
definitionList = false
footnote = false

[minify]
minifyOutput = false
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "css/gids.css" | relURL }}">
</head>
<body>
<a class="skip" href="#_inhoud">Naar de inhoud</a>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Gidsen"><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
<li><a href="{{ "domains/" | relURL }}">Beleidsdomeinen</a></li></ul></nav></header>
{{ if not .IsHome }}{{ partial "breadcrumbs.html" . }}{{ end }}
<main id="_inhoud">
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
""",
    "partials/breadcrumbs.html": """<nav aria-label="Kruimelpad"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
<li aria-current="page">{{ .Title }}</li>
</ol></nav>
""",
    "partials/page-list.html": """<ul class="pages">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>{{ end }}</ul>
""",
    "index.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>Gidsen</h2>
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>{{ end }}</ul>
<h2>Beleidsdomeinen</h2>
<ul>{{ range site.Taxonomies.domains }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ .Description }}</p>
{{ if .Sections }}
{{ range .Sections }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Description }}</p>
{{ partial "page-list.html" .Pages }}</section>{{ end }}
{{ else }}
{{ with .Parent }}<nav aria-label="Fasen"><ol>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>{{ end }}
{{ partial "page-list.html" .Pages }}
{{ end }}
{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}
<h1>Beleidsdomeinen</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "_default/term.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range .Pages.GroupBy "Section" }}<section><h2>{{ with site.GetPage .Key }}{{ .Title }}{{ end }}</h2>
{{ partial "page-list.html" .Pages }}</section>{{ end }}
{{ end }}
""",
    "_default/single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="summary">{{ .Description }}</p>
<nav aria-label="Fasen"><ol>{{ $current := .CurrentSection }}{{ range .FirstSection.Sections }}<li{{ if eq . $current }} aria-current="step"{{ end }}><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
{{ .Content }}
{{ with .Params.related }}<section><h2 id="_zie-ook">Zie ook</h2><ul>{{ range . }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></section>{{ end }}
{{ with .GetTerms "domains" }}<section><h2 id="_domeinen">Beleidsdomeinen</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></section>{{ end }}
<nav aria-label="Vorige en volgende"><ul>
{{ with .PrevInSection }}<li><a rel="prev" href="{{ .RelPermalink }}">Vorige: {{ .Title }}</a></li>{{ end }}
{{ with .NextInSection }}<li><a rel="next" href="{{ .RelPermalink }}">Volgende: {{ .Title }}</a></li>{{ end }}
</ul></nav>
{{ with .Lastmod }}<p>Laatst bijgewerkt: {{ .Format "2006-01-02" }}</p>{{ end }}
</article>
{{ end }}
""",
    "404.html": """{{ define "main" }}<h1>Pagina niet gevonden</h1><p><a href="{{ "/" | relURL }}">Naar de startpagina</a></p>{{ end }}
""",
}

HUGO_CSS = "body{font-family:sans-serif;max-width:50rem;margin:auto}.skip{position:absolute;left:-999px}\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--words-from", default=os.path.join(HERE, "..", "..", "content"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sentences, real_headings = read_guides(args.words_from)
    text = Text(rng, sentences, real_headings)

    out = args.out.rstrip("/")
    gids_root, hugo_root = out + "/gids", out + "/hugo"
    for folder in (gids_root, hugo_root):
        if os.path.exists(folder):
            shutil.rmtree(folder)

    # The plan: guides, pages (file names, titles, headings and their ids), before any body.
    guides = GUIDES[: rng.randint(3, 5)]
    guide_weights = [rng.uniform(1, 2) for _ in guides]
    pages = []
    per_phase = {}
    for i in range(args.pages):
        g = rng.choices(range(len(guides)), weights=guide_weights)[0]
        p = rng.choices(range(4), weights=[2, 3, 4, 2])[0]
        title = text.title()
        order = per_phase.get((g, p), 0) + 1
        per_phase[(g, p)] = order
        headings = []
        for _ in range(rng.randint(3, 6)):
            headings.append((2, text.heading()))
            for _ in range(rng.choice([0, 0, 0, 1, 2])):
                headings.append((3, text.heading()))
        if rng.random() < 0.2:  # a repeated heading, as "Overzicht" twice
            headings.append((2, headings[0][1]))
        gids_used, hugo_used = set(), set()
        ids = [(unique(gids_slug(h), gids_used), unique(hugo_slug(h), hugo_used)) for _, h in headings]
        pages.append({
            "guide": g, "phase": p, "order": order, "title": title,
            "name": "%s-%d" % (gids_slug(title), i), "headings": headings, "ids": ids,
        })
    by_guide = [[i for i, page in enumerate(pages) if page["guide"] == g] for g in range(len(guides))]

    def gids_path(page):
        return "%s/%s.md" % (guides[page["guide"]][0], page["name"])

    def hugo_url(page):
        return "/%s/%s/%s/" % (guides[page["guide"]][0], PHASES[page["phase"]][0], page["name"])

    # Site files.
    write(gids_root + "/site.yml", "title: Benchmark\nlanguage: nl\nbase_url: https://gids.example.org/\n"
          "description: Gegenereerde gidsen voor de bouwbenchmark.\ndomains:\n" + "".join(
              "  - id: %s\n    title: %s\n    summary: Beleid rond %s.\n" % (d, t, t.lower()) for d, t in DOMAINS))
    write(gids_root + "/index.md", "---\ntitle: Benchmark\nsummary: Gegenereerde gidsen.\n---\n%s\n" % join(text.sentence()))
    write(hugo_root + "/config.toml", HUGO_CONFIG)
    write(hugo_root + "/content/_index.md", "---\ntitle: Benchmark\ndescription: Gegenereerde gidsen.\n---\n%s\n" % join(text.sentence()))
    for name, layout in HUGO_LAYOUTS.items():
        write(hugo_root + "/layouts/" + name, layout)
    write(hugo_root + "/static/css/gids.css", HUGO_CSS)
    for d, t in DOMAINS:
        write(hugo_root + "/content/domains/%s/_index.md" % d, "---\ntitle: %s\ndescription: Beleid rond %s.\n---\n" % (yaml_string(t), t.lower()))
    for g, (gid, gtitle) in enumerate(guides):
        summary = join(text.sentence())
        write(gids_root + "/%s/guide.yml" % gid, "title: %s\nsummary: %s\norder: %d\nphases:\n" % (
            yaml_string(gtitle), yaml_string(summary), g + 1) + "".join(
                "  - id: %s\n    title: %s\n    summary: %s\n" % (pid, ptitle, yaml_string(join(text.sentence())))
                for pid, ptitle in PHASES))
        write(hugo_root + "/content/%s/_index.md" % gid, "---\ntitle: %s\ndescription: %s\nweight: %d\noutputs: [HTML, RSS]\n---\n" % (
            yaml_string(gtitle), yaml_string(summary), g + 1))
        for p, (pid, ptitle) in enumerate(PHASES):
            write(hugo_root + "/content/%s/%s/_index.md" % (gid, pid), "---\ntitle: %s\ndescription: %s\nweight: %d\n---\n" % (
                ptitle, yaml_string(join(text.sentence())), p + 1))
        for name, kind in IMAGES:
            data = png(rng.randint(40, 120), rng.randint(30, 80), rng) if kind == "png" else svg(gtitle, rng).encode()
            for folder in (gids_root + "/%s/afbeeldingen" % gid, hugo_root + "/static/%s/afbeeldingen" % gid):
                os.makedirs(folder, exist_ok=True)
                with open(folder + "/" + name, "wb") as f:
                    f.write(data)

    # Pages: a body of blocks; links are placeholders, rendered for each generator.
    links_total = fragments_total = images_total = 0
    for index, page in enumerate(pages):
        g = page["guide"]
        here = by_guide[g]
        position = here.index(index) if len(here) < 64 else None

        def target():
            roll = rng.random()
            if roll < 0.05:
                return index
            if roll < 0.8:
                if position is not None:
                    return rng.choice(here)
                # Nearby in the guide: within 40 pages of this one in file order.
                return here[(bisect(here, index) + rng.randint(-40, 40)) % len(here)]
            return rng.randrange(len(pages))

        def link():
            t = target()
            goal = pages[t]
            fragment = None
            if t == index or rng.random() < 0.6:
                fragment = rng.randrange(len(goal["headings"]))
            if fragment is not None and rng.random() < 0.5:
                label = goal["headings"][fragment][1]
            else:
                label = goal["title"]
            return ("link", label, t, fragment)

        link_budget = rng.randint(16, 24)
        blocks = []  # each block: ("p", [parts]) | ("h", level, text) | ("ul"/"ol", [[parts]]) | ("img", name, alt)

        def paragraph(sentences_count, links):
            parts = [text.sentence() for _ in range(sentences_count)]
            # Put `links` links at random word positions.
            out_parts = []
            places = sorted(rng.sample(range(sentences_count), min(links, sentences_count)))
            extra = links - len(places)
            for s, tokens in enumerate(parts):
                count = places.count(s) + (extra if s == sentences_count - 1 else 0)
                for _ in range(count):
                    at = rng.randint(1, max(1, len(tokens) - 1))
                    tokens = tokens[:at] + [link()] + tokens[at:]
                out_parts.append(tokens)
            return ("p", out_parts)

        slots = 1 + len(page["headings"])  # intro + a paragraph per heading
        shares = [0] * slots
        for _ in range(link_budget):
            shares[rng.randrange(slots)] += 1
        blocks.append(paragraph(rng.randint(1, 3), shares[0]))
        image_at = rng.randrange(len(page["headings"])) if rng.random() < 0.3 else None
        for k, (level, heading) in enumerate(page["headings"]):
            blocks.append(("h", level, heading))
            links_here = shares[k + 1]
            roll = rng.random()
            if roll < 0.25 and links_here:
                items = []
                for _ in range(rng.randint(3, 6)):
                    tokens = text.sentence()[: rng.randint(5, 12)]
                    while tokens and tokens[-1] in ",;:":
                        tokens.pop()
                    items.append([tokens])
                for _ in range(links_here):
                    item = rng.randrange(len(items))
                    items[item][0] = items[item][0] + [link()]
                blocks.append(("p", [text.sentence()]))
                blocks.append(("ul" if rng.random() < 0.7 else "ol", items))
            else:
                blocks.append(paragraph(rng.randint(2, 4), links_here))
                if rng.random() < 0.3:
                    blocks.append(paragraph(rng.randint(1, 3), 0))
            if image_at == k:
                name, _ = rng.choice(IMAGES)
                blocks.append(("img", name, "Schema: " + join(text.sentence()[:6]).rstrip(",;:")))
                images_total += 1
        if rng.random() < 0.3:
            blocks.append(("p", [["Meer", "informatie", "op", ("web", "de site van Movisie", "https://www.movisie.nl/"), "."]]))

        def render(resolve, image_src):
            lines = []
            for block in blocks:
                if block[0] == "h":
                    lines.append("#" * block[1] + " " + block[2])
                elif block[0] == "p":
                    lines.append(" ".join(render_tokens(tokens, resolve) for tokens in block[1]))
                elif block[0] in ("ul", "ol"):
                    lines.append("\n".join(
                        ("- " if block[0] == "ul" else "%d. " % (n + 1)) + render_tokens(item[0], resolve)
                        for n, item in enumerate(block[1])))
                elif block[0] == "img":
                    lines.append("![%s](%s)" % (block[2], image_src(block[1])))
            return "\n\n".join(lines) + "\n"

        def gids_resolve(t, fragment):
            goal = pages[t]
            anchor = "#" + goal["ids"][fragment][0] if fragment is not None else ""
            if t == index:
                return anchor
            if goal["guide"] == g:
                return goal["name"] + ".md" + anchor
            return "../" + gids_path(goal) + anchor

        def hugo_resolve(t, fragment):
            goal = pages[t]
            anchor = "#" + goal["ids"][fragment][1] if fragment is not None else ""
            if t == index:
                return anchor
            return posixpath.relpath(hugo_url(goal), hugo_url(page)) + "/" + anchor

        related = sorted({rng.choice(here) for _ in range(rng.randint(0, 3))} - {index})
        domains = sorted(rng.sample(range(len(DOMAINS)), rng.choice([1, 1, 2, 2, 3])))
        updated = "20%02d-%02d-%02d" % (18 + rng.randrange(8), 1 + rng.randrange(12), 1 + rng.randrange(28))
        summary = join(text.sentence())
        gids_front = "---\ntitle: %s\nsummary: %s\nphase: %s\norder: %d\ndomains: [%s]\n%supdated: %s\n---\n" % (
            yaml_string(page["title"]), yaml_string(summary), PHASES[page["phase"]][0], page["order"],
            ", ".join(DOMAINS[d][0] for d in domains),
            ("related:\n" + "".join("  - %s.md\n" % pages[r]["name"] for r in related)) if related else "",
            updated)
        hugo_front = "---\ntitle: %s\ndescription: %s\nweight: %d\ndate: %s\nlastmod: %s\ndomains: [%s]\n%s---\n" % (
            yaml_string(page["title"]), yaml_string(summary), page["order"], updated, updated,
            ", ".join(DOMAINS[d][0] for d in domains),
            ("related:\n" + "".join("  - /%s/%s/%s\n" % (guides[g][0], PHASES[pages[r]["phase"]][0], pages[r]["name"])
                                     for r in related)) if related else "")
        gids_body = render(gids_resolve, lambda name: "afbeeldingen/" + name)
        hugo_body = render(hugo_resolve, lambda name: "../../afbeeldingen/" + name)
        write(gids_root + "/" + gids_path(page), gids_front + gids_body)
        write(hugo_root + "/content%s.md" % hugo_url(page).rstrip("/"), hugo_front + hugo_body)
        links_total += gids_body.count("](") - sum(1 for b in blocks if b[0] == "img")
        fragments_total += len(re.findall(r"\]\([^)]*#", gids_body))

    summary = {
        "seed": args.seed, "pages": len(pages), "guides": len(guides), "phases": 4 * len(guides),
        "domains": len(DOMAINS), "links": links_total, "links_with_fragment": fragments_total,
        "images": images_total, "images_files": len(IMAGES) * len(guides),
    }
    with open(out + "/corpus.json", "w") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps(summary))


def render_tokens(tokens, resolve):
    out = ""
    for token in tokens:
        if isinstance(token, tuple):
            if token[0] == "link":
                piece = "[%s](%s)" % (token[1], resolve(token[2], token[3]))
            else:
                piece = "[%s](%s)" % (token[1], token[2])
            out += (" " if out else "") + piece
        elif token in ",;:.?!" or not out:
            out += token
        else:
            out += " " + token
    return out


def bisect(sorted_list, value):
    lo, hi = 0, len(sorted_list)
    while lo < hi:
        mid = (lo + hi) // 2
        if sorted_list[mid] < value:
            lo = mid + 1
        else:
            hi = mid
    return lo


if __name__ == "__main__":
    main()
