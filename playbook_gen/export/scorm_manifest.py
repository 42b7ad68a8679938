"""`imsmanifest.xml` for a learning path's SCORM package: SCORM 1.2 and SCORM 2004 4th edition.

One SCO per path (see the README's "Uploading to a learning system"): one organization with one item that
launches `index.html`, and one resource that lists every file the page uses. The pass mark goes where each
version expects it: `adlcp:masteryscore` (1.2, percent) or the primary objective's `minNormalizedMeasure`
(2004, 0..1, which the LMS hands to the content as `cmi.scaled_passing_score`). The XSDs the manifest
names ship in the package root (`SCHEMAS`), as the ADL test suites require.
"""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from ..render.env import PACKAGE_TEMPLATES
from ..model import LearningPath, Playbook

SCHEMAS = PACKAGE_TEMPLATES / "assets" / "scorm" / "schemas"
VERSIONS = ("1.2", "2004")
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LAUNCH = "index.html"

NS = {
    "1.2": {None: "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
            "xsi": XSI},
    "2004": {None: "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
             "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3", "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
             "imsss": "http://www.imsglobal.org/xsd/imsss", "xsi": XSI},
}
# Namespace -> XSD file, for xsi:schemaLocation.
LOCATIONS = {
    "1.2": [("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd")],
    "2004": [("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
             ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
             ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
             ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
             ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd")],
}
SCHEMA_VERSION = {"1.2": "1.2", "2004": "2004 4th Edition"}
SCHEMA_FOLDER = {"1.2": "scorm12", "2004": "scorm2004"}


def schema_files(version: str) -> dict[str, bytes]:
    """The control documents (XSD and DTD) that go into the package root, by name."""
    folder = SCHEMAS / SCHEMA_FOLDER[version]
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".xsd", ".dtd")}


def manifest(version: str, playbook: Playbook, path: LearningPath, files: list[str]) -> bytes:
    """The manifest bytes for one path and version; `files` are the package's content files (not the XSDs)."""
    ns = NS[version]
    E = ElementMaker(namespace=ns[None], nsmap=ns)
    A = ElementMaker(namespace=ns["adlcp"])
    adl = f"{{{ns['adlcp']}}}"
    title = f"{path.title} ({playbook.title} {playbook.version})"
    item = E.item(E.title(title), identifier="ITEM-1", identifierref="SCO-1", isvisible="true")
    settings = path.scorm
    if version == "1.2":
        if settings.mastery_score:
            item.append(A.masteryscore(str(settings.mastery_score)))
        organization = E.organization(E.title(title), item, identifier="ORG-1")
    else:
        item.append(_sequencing(ns, path))
        item.append(_presentation(ns))
        organization = E.organization(E.title(title), item, identifier="ORG-1",
                                      **{f"{{{ns['adlseq']}}}objectivesGlobalToSystem": "false"})
    scormtype = "scormtype" if version == "1.2" else "scormType"
    resource = E.resource(*(E.file(href=f) for f in files), identifier="SCO-1", type="webcontent", href=LAUNCH,
                          **{f"{adl}{scormtype}": "sco"})
    root = E.manifest(
        E.metadata(E.schema("ADL SCORM"), E.schemaversion(SCHEMA_VERSION[version])),
        E.organizations(organization, default="ORG-1"),
        E.resources(resource),
        identifier=f"playbook-gen-{path.id}", version=playbook.version[:20],
        **{f"{{{XSI}}}schemaLocation": " ".join(f"{n} {f}" for n, f in LOCATIONS[version])},
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _sequencing(ns: dict, path: LearningPath):
    S = ElementMaker(namespace=ns["imsss"])
    seq = S.sequencing()
    if path.scorm.attempts:
        seq.append(S.limitConditions(attemptLimit=str(path.scorm.attempts)))
    if path.scorm.mastery_score:
        seq.append(S.objectives(S.primaryObjective(
            S.minNormalizedMeasure(_scaled(path.scorm.mastery_score)), objectiveID="PASS-MARK", satisfiedByMeasure="true")))
    seq.append(S.deliveryControls(completionSetByContent="true", objectiveSetByContent="true"))
    return seq


def _presentation(ns: dict):
    """The package has its own module navigation: the LMS's previous/continue buttons would do nothing."""
    N = ElementMaker(namespace=ns["adlnav"])
    return N.presentation(N.navigationInterface(N.hideLMSUI("previous"), N.hideLMSUI("continue")))


def _scaled(percent: int) -> str:
    """80 -> '0.8', 100 -> '1', 0 -> '0' (exact decimal text, no float noise)."""
    whole, rest = divmod(percent, 100)
    return str(whole) if not rest else f"0.{rest:02d}".rstrip("0")
