"""Checks the lab-meeting deck: run in the checkout's root.

Opens slides/wound-healing.pptx as the zip it is, reads the text of every slide and asserts the notebook's
results are on the slides (closure 80.3 % and 42.8 %, the p-value) and that the figure is included."""
import re
import sys
import zipfile

PATH = "slides/wound-healing.pptx"


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


try:
    deck = zipfile.ZipFile(PATH)
except (FileNotFoundError, zipfile.BadZipFile) as error:
    fail(f"{PATH}: {error}")
names = deck.namelist()
slides = sorted(n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
if not slides:
    fail("no slides in the deck")
# the text runs of each slide (<a:t>…</a:t>), joined with spaces
text = " ".join(
    " ".join(re.findall(r"<a:t(?:\s[^>]*)?>([^<]*)</a:t>", deck.read(n).decode("utf-8"))) for n in slides
).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
expected = {
    "control closure 80.3 %": r"80[.,]3",
    "knockdown closure 42.8 %": r"42[.,]8",
    "the p-value (4.2e-07)": r"4[.,]2\s*(e-0?7|[×x]\s*10\s*(\^|⁻|-)|·\s*10)|p\s*[<≤]\s*0?[.,]00?0?1\b|p\s*[<≤]\s*10",
}
missing = [what for what, pattern in expected.items() if not re.search(pattern, text, re.I)]
if missing:
    fail(f"not on the slides: {', '.join(missing)}. Slide text: {text[:500]}")
if not any(n.startswith("ppt/media/") and n.lower().endswith((".png", ".jpg", ".jpeg")) for n in names):
    fail("the deck has no picture (figures/closure.png was asked for)")
print(f"ok: {len(slides)} slides")
