"""Prose rendering: raw HTML off in the parser, links checked on the parsed tree, output sanitised (render/prose.py)."""

from __future__ import annotations

import pytest

from playbook_gen.model import prose
from playbook_gen.render.prose import for_page, for_print, inert, inline

PAGES = {("stages", "launch"): ("lifecycle/launch.md", "Launch"), ("glossary", "fit"): ("reference/glossary.md#fit", "Fit")}


def resolve(kind, ident):
    return PAGES[(kind, ident)]  # KeyError: an entity this build leaves out


def page(text, **kw):
    return for_page(text, resolve, "roles/x.md", **kw)


@pytest.mark.parametrize(("source", "html"), [
    # Raw HTML is text, however it is written: the parser has no HTML at all.
    ("a <b>x</b> <img src=x onerror=alert(1)>", "<p>a &lt;b&gt;x&lt;/b&gt; &lt;img src&#61;x onerror&#61;alert(1)&gt;</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("<!-- a comment --> hidden?", "<p>&lt;&#33;-- a comment --&gt; hidden?</p>"),
    # Code spans and fences show their text; things that look like fences but are not stay text too.
    ("`<b>` and ``a ` <script>``", "<p><code>&lt;b&gt;</code> and <code>a &#96; &lt;script&gt;</code></p>"),
    ("~~~ not a fence <i>x</i>", "<p>&#126;&#126;&#126; not a fence &lt;i&gt;x&lt;/i&gt;</p>"),
    ("```\n<script>x</script>\n```", '<div class="highlight"><pre><span></span><code>&lt;script&gt;x&lt;/script&gt;&#10;</code></pre></div>'),
    # Attribute lists are not loaded: they are text, and the engine cannot read them in our HTML either.
    ("para {: onclick=alert(1) }", "<p>para &#123;: onclick&#61;alert(1) &#125;</p>"),
    # Links: entity links resolved from this page, script URLs dropped (check reports them first).
    ("[launch](stage:launch)", '<p><a href="../lifecycle/launch.html">launch</a></p>'),
    ("[term](term:fit)", '<p><a href="../reference/glossary.html#fit">term</a></p>'),
    ("[gone](stage:hidden) stays text", "<p>gone stays text</p>"),
    ("[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) [z](data:text/html,1)", "<p>x y z</p>"),
    ("> [r]: javascript:alert(1)\n\n[in a quote][r]", "<blockquote></blockquote>\n\n<p>in a quote</p>"),
    ("[next line][r]\n\n[r]:\n  javascript:alert(2)", "<p>next line</p>"),
    ("<https://example.com/a?b=1&c=2>", '<p><a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b&#61;1&amp;c&#61;2</a></p>'),
    ("[mail](mailto:a@example.com)", '<p><a href="mailto:a@example.com">mail</a></p>'),
    # Images only from inside the site; others are dropped with nothing left behind.
    ("see ![x](http://127.0.0.1:9/x.png) ![y](/etc/passwd) ![z](file:///etc/passwd) here", "<p>see here</p>"),
    # Headings stay Markdown headings (table of contents, anchors); other blocks one line each.
    ("## Why *fit* matters\n\n- one\n- two", "## Why <em>fit</em> matters\n\n<ul> <li>one</li> <li>two</li> </ul>"),
    ('!!! warning "Take <b>care</b>"\n    Inside *it*.',
     '<div class="admonition warning"> <p class="admonition-title">Take &lt;b&gt;care&lt;/b&gt;</p> <p>Inside <em>it</em>.</p> </div>'),
])
def test_prose_is_rendered_safely(source, html):
    assert page(source) == html


def test_nested_prose_is_inert_where_the_engine_reads_it_as_markdown():
    assert page("One *para* with `code`, a | and [x](stage:launch).", indent=4) == (
        '    One <em>para</em> with <code>code</code>, a &#124; and <a href="../lifecycle/launch.html">x</a>.')
    assert page("First.\n\nSecond.", indent=8) == "        First.\n\n        Second."
    assert inline("a | b\n\nc", resolve, "roles/x.md") == "a &#124; b c"


def test_inert_leaves_tags_and_entities_alone():
    assert inert('<a href="x_y.html">a_b *c* [d]</a> &amp; &#10;') == '<a href="x_y.html">a&#95;b &#42;c&#42; &#91;d&#93;</a> &amp; &#10;'


def test_printed_prose_is_the_same_safe_html_with_entity_links_as_text():
    assert for_print("See [launch](stage:launch) <b>now</b>.\n\n## Head") == "<p>See launch &lt;b&gt;now&lt;/b&gt;.</p><h2>Head</h2>"


@pytest.mark.parametrize(("source", "problem"), [
    ("[x](javascript:alert(1))", "link with unsafe URL scheme 'javascript:'"),
    ("[x](&#106;avascript:alert(1))", "link with unsafe URL scheme 'javascript:'"),
    ("[x]( JaVa\tScRiPt:alert(1))", "link with unsafe URL scheme 'javascript:'"),
    ("[x](vbscript:msgbox)", "link with unsafe URL scheme 'vbscript:'"),
    ("[x](file:///etc/passwd)", "link with unsafe URL scheme 'file:'"),
    ("> [r]: data:text/html,x\n\n[x][r]", "link with unsafe URL scheme 'data:'"),
    ("![x](http://127.0.0.1/x.png)", "is not a file of the site"),
    ("![x](/etc/passwd)", "is not a file of the site"),
    ("![x](../../../etc/passwd)", "is not a file of the site"),
    ("![x](stage:launch)", "an image cannot show an entity"),
])
def test_check_refuses_what_the_renderer_drops(source, problem):
    words = {"stage": "stages"}
    reasons = [prose.unsafe(link, words) for link in prose.links(source)]
    assert any(r and problem in r for r in reasons), reasons


@pytest.mark.parametrize("source", ["[x](https://example.com)", "[x](stage:launch#gate)", "[x](../roles/a.md)",
                                    "![diagram](images/flow.png)", "[x](mailto:a@b.org)", "plain text"])
def test_check_lets_safe_links_through(source):
    assert [prose.unsafe(link, {"stage": "stages"}) for link in prose.links(source)] in ([], [None])


class _Smuggle:
    """A test-only tree step that puts live HTML into the parsed tree, as a parser bug or a future extension
    could, so that only the sanitiser stands between it and the output."""

    def run(self, root):
        from xml.etree import ElementTree as etree

        p = etree.SubElement(root, "p", onclick="steal()", style="position:fixed", id="x")
        p.text = "Hi "
        etree.SubElement(p, "script").text = "alert(1)"
        etree.SubElement(p, "a", href="javascript:alert(2)", onmouseover="x()", target="_blank").text = "j"
        etree.SubElement(p, "img", src="data:image/svg+xml,<svg onload=alert(3)>", onerror="alert(4)", alt="i")
        etree.SubElement(p, "iframe", src="https://example.org/").text = "f"
        etree.SubElement(p, "span", {"class": "ok", "data-x": "1", "style": "color:red"}).text = "s"
        etree.SubElement(p, "a", href="vbscript:x", title="t").text = "v"
        etree.SubElement(root, "style").text = "body{display:none}"
        form = etree.SubElement(root, "form", action="https://example.org/")
        etree.SubElement(form, "input", name="q", formaction="javascript:alert(5)")


def test_the_sanitiser_removes_live_html_that_got_past_the_parser():
    """The second line of defence on its own: nh3's allow-list (tags, attributes, URL schemes) cleans each block."""
    from playbook_gen.render import prose as rendering

    state = rendering._Render()
    state.md.treeprocessors.register(_Smuggle(), "smuggle", 0.5)  # after our tree step, before serialising
    state.md.convert("Text.")
    assert [b.html for b in state.blocks] == [
        "<p>Text.</p>",
        '<p>Hi <a>j</a><img alt="i">f<span class="ok">s</span><a title="t">v</a></p>',
        "", "",
    ]
