"""HTML to PDF with WeasyPrint, reproducibly: the document date comes from SOURCE_DATE_EPOCH (render/print.py)."""

from __future__ import annotations


from ..render.print import url_fetcher


def html_to_pdf(html: str, roots: tuple[str, ...] = ()) -> bytes:
    """Render print HTML (our own templates and CSS, never Material's pages) to PDF bytes.

    WeasyPrint may read files only inside `roots` (render/print.py `resource_roots`), nothing from the network,
    and embeds no attachments: not ours (`attachments=[]`), not a `<link rel=attachment>` (the document's
    attachments are cleared after layout) and not an `<a rel=attachment>` (its file-attachment annotation is
    dropped), even for a file inside `roots`. The HTML should carry <meta name="dcterms.created"
    content="{{ pdf_date }}"> so the PDF's metadata date is fixed; WeasyPrint adds no other timestamp.
    """
    from weasyprint import HTML  # imported lazily: pango is only needed when PDFs are made

    document = HTML(string=html, url_fetcher=url_fetcher(roots)).render()
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return document.write_pdf(attachments=[])
