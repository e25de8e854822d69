"""Writes a generated static HTML site for the link-check benchmark.

Usage: generate_site.py --pages N --out DIR [--seed S] [--links 20] [--break-every 97]

Deterministic from the seed. Pages live in sections of 100 (s<k>/p<i>/index.html, as gids
and Hugo write them); index.html links every section, each section page links its pages,
so a crawler starting at index.html reaches every page. Each page has about --links links:
other pages (a third with a fragment to one of their headings), the stylesheet, an image
and one external link (never fetched by the benchmark). Every --break-every-th generated
link is broken on purpose: alternately a missing page and a missing fragment. The list of
seeded breaks is written to DIR/../<name>.seeded.json as [[page, href], ...].
"""
import argparse
import json
import os
import random

WORDS = (
    "gemeente mantelzorg beleid informele zorg wmo jeugdwet participatie onderwijs sport "
    "vrijwilligers ondersteuning respijtzorg wijkteam inwoners netwerk evaluatie visie "
    "uitvoering samenwerking regenboog veiligheid welzijn toegang signalering"
).split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--links", type=int, default=20)
    parser.add_argument("--break-every", type=int, default=97)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = args.out.rstrip("/")
    sections = (args.pages + 99) // 100
    pages = [(i // 100, i) for i in range(args.pages)]
    headings = {i: ["sectie-%d" % h for h in range(1, 6)] for _, i in pages}
    seeded = []
    counter = 0

    def url(from_depth, section, page):
        return "../" * from_depth + "s%d/p%d/" % (section, page)

    os.makedirs(out + "/assets", exist_ok=True)
    with open(out + "/assets/style.css", "w") as f:
        f.write("body{font-family:sans-serif}\n")
    with open(out + "/assets/figuur.svg", "w") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n')

    def page_html(title, body):
        return (
            '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            "<title>%s</title>\n" % title
            + '<link rel="stylesheet" href="%s">\n</head>\n<body>\n' % body[0]
            + body[1]
            + "</body>\n</html>\n"
        )

    with open(out + "/index.html", "w") as f:
        items = "".join('<li><a href="s%d/">Sectie %d</a></li>\n' % (s, s) for s in range(sections))
        f.write(page_html("Home", ("assets/style.css", "<h1>Home</h1>\n<ul>\n%s</ul>\n" % items)))
    for s in range(sections):
        os.makedirs("%s/s%d" % (out, s), exist_ok=True)
        members = [i for sec, i in pages if sec == s]
        items = "".join('<li><a href="p%d/">Pagina %d</a></li>\n' % (i, i) for i in members)
        with open("%s/s%d/index.html" % (out, s), "w") as f:
            f.write(page_html("Sectie %d" % s, ("../assets/style.css", "<h1>Sectie</h1>\n<ul>\n%s</ul>\n" % items)))
    for s, i in pages:
        path = "s%d/p%d/index.html" % (s, i)
        parts = ["<h1>Pagina %d</h1>\n" % i]
        for h in headings[i]:
            parts.append('<h2 id="%s">%s</h2>\n<p>%s</p>\n' % (h, h, sentence(rng, 30)))
            for _ in range(args.links // len(headings[i]) - 1):
                counter += 1
                ts, ti = rng.choice(pages)
                href = url(2, ts, ti)
                if rng.random() < 0.33:
                    href += "#" + rng.choice(headings[ti])
                if counter % args.break_every == 0:
                    if (counter // args.break_every) % 2 == 0:
                        href = url(2, ts, args.pages + counter)  # a page that does not exist
                    else:
                        href = url(2, ts, ti) + "#bestaat-niet-%d" % counter
                    seeded.append([path, href])
                parts.append('<p>%s <a href="%s">%s</a></p>\n' % (sentence(rng, 8), href, sentence(rng, 3)))
        parts.append('<img alt="Figuur" src="../../assets/figuur.svg">\n')
        parts.append('<p><a href="https://www.example.org/bron/%d">Bron</a></p>\n' % i)
        os.makedirs("%s/s%d/p%d" % (out, s, i), exist_ok=True)
        with open(out + "/" + path, "w") as f:
            f.write(page_html("Pagina %d" % i, ("../../assets/style.css", "".join(parts))))
    with open(out + ".seeded.json", "w") as f:
        json.dump(seeded, f)


if __name__ == "__main__":
    main()
