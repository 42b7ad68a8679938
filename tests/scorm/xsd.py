"""Validate a SCORM manifest against the ADL/IMS schemas (templates/assets/scorm/schemas/, shipped in every package) with lxml."""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

from playbook_gen.export.scorm_manifest import LOCATIONS, SCHEMA_FOLDER

XSD = Path(__file__).resolve().parent.parent.parent / "templates" / "assets" / "scorm" / "schemas"


class _Resolver(etree.Resolver):
    """ims_xml.xsd binds the xml namespace as the default one, which libxml2 refuses; serve it without that."""

    def resolve(self, url, pubid, context):
        if url.endswith("/ims_xml.xsd"):
            text = (XSD / "scorm12" / "ims_xml.xsd").read_text(encoding="utf-8")
            return self.resolve_string(text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', ""), context)
        return None


@functools.cache
def schema(version: str) -> etree.XMLSchema:
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in LOCATIONS[version])
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Resolver())
    base = (XSD / SCHEMA_FOLDER[version]).as_uri() + "/"
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url=base))


def errors(version: str, manifest: bytes) -> list[str]:
    """Schema errors of a manifest; empty when it is valid."""
    xsd = schema(version)
    if xsd.validate(etree.fromstring(manifest)):
        return []
    return [f"{e.line}: {e.message}" for e in xsd.error_log]
