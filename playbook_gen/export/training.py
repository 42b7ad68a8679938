"""Training exports: a facilitator guide PDF and a slide deck per learning path, a handout PDF per module.

Print HTML comes from our own templates (templates/print/training/), never from the site's pages.
Each output is a Job keyed by exactly what it is made from, so unchanged material is not rebuilt.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from markupsafe import Markup

from .. import i18n
from ..i18n import _
from ..model import Content, LearningPath, Module
from ..render.env import make_env, render
from ..render.prose import for_print
from ..render.print import pdf_date, resource_roots
from ..render.terms import plain_lines
from ..render.training import (HELPERS, facilitator_guide, handout, modules_in_order, path_agenda, path_minutes,
                               slide_deck)
from .jobs import Job
from .kinds import Exporter
from .pdf import html_to_pdf
from .slides import make_deck

def prose(value) -> Markup:
    """Markdown prose as print HTML (render/prose.py: raw HTML off, sanitised), entity links reduced to their text."""
    return Markup(for_print(value))  # noqa: S704 - sanitised by nh3 in render/prose.py


def checklists_used(module: Module) -> list[str]:
    seen: dict[str, None] = {}
    for lesson in module.lessons:
        seen.update(dict.fromkeys(lesson.checklists))
    return list(seen)


def _env(project: Path):
    env = make_env(project, html=True)
    env.filters["prose"] = prose
    return env


def _context(content: Content, site) -> dict:
    return {"content": content, "playbook": content.playbook, "training": HELPERS, "pdf_date": pdf_date(),
            "paper": site.print.paper if site else "A4", "checklists_used": checklists_used}


def facilitator_html(content: Content, project: Path, site, path: LearningPath) -> str:
    return render(_env(project), "print/training/facilitator.html", path=path,
                  agenda=path_agenda(content, path), total=path_minutes(content, path), **_context(content, site))


def handout_html(content: Content, project: Path, site, module: Module) -> str:
    return render(_env(project), "print/training/handout.html", module=module, **_context(content, site))


def deck_spec(content: Content, path: LearningPath) -> dict:
    """Everything a path's slide deck shows, as plain data. Quiz questions carry no answers."""
    pb = content.playbook
    modules = [content.modules[m] for m in path.modules]
    duration = HELPERS.duration
    spec = {
        "title": path.title,
        "subtitle": f"{pb.title} {pb.version} · {duration(path_minutes(content, path))}",
        "author": pb.organisation or pb.title,
        "agenda": _agenda_lines(content, path),
        "goal": plain_lines(path.goal),
        "summary": [t for m in modules for t in m.key_takeaways],
        "modules": [],
        # The deck's own words are translated in the worker process (export/slides.py): the language goes with the spec.
        "language": i18n.language(),
    }
    for m in modules:
        ex = m.exercise
        exercise = None
        if ex:
            bullets = []
            if ex.case_study:
                case = content.case_studies[ex.case_study]
                bullets += [_("Case: %(title)s") % {"title": case.title}, f"  {case.summary}"]
            bullets += [_("Task (%(duration)s)") % {"duration": duration(ex.minutes)}, *(f"  {s}" for s in ex.steps)]
            exercise = {"title": _("Exercise: %(title)s") % {"title": ex.title}, "bullets": bullets, "notes": plain_lines(ex.brief)}
        spec["modules"].append({
            "title": m.title,
            "summary": m.summary,
            "objectives": list(m.objectives),
            "ideas": [{"title": lesson.title, "points": lesson.points or [m.summary], "notes": plain_lines(lesson.body)}
                      for lesson in m.lessons],
            "exercise": exercise,
            "questions": [{"prompt": q.prompt, "options": [f"{HELPERS.letter(i)}. {o.text}" for i, o in enumerate(q.options)]}
                          for q in m.quiz],
        })
    return spec


def _agenda_lines(content: Content, path: LearningPath) -> list[str]:
    """One line per module and per break, with the times of the path's agenda (render/training.py)."""
    rows: list[list] = []  # [start, end, title], or [title] for the end of a day
    for slot in path_agenda(content, path):
        if slot.activity == "end-of-day":
            rows.append([slot.title])
        elif slot.module is not None and rows and rows[-1][-1] is slot.module:
            rows[-1][1] = slot.end
        else:
            rows.append([slot.start, slot.end, slot.title if slot.module is None else slot.module])
    clock = HELPERS.clock
    return [r[0] if len(r) == 1 else f"{clock(r[0])}–{clock(r[1])}  {r[2] if isinstance(r[2], str) else r[2].title}"
            for r in rows]


def training_jobs(content: Content, project: Path, site, options) -> list[Job]:
    """Jobs for every learning path (guide, deck) and every module (handout)."""
    if not content.learning_paths:
        return []
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    jobs, roots = [], resource_roots(project)
    for path in content.ordered("learning_paths"):
        html = facilitator_html(content, project, site, path)
        jobs.append(Job(facilitator_guide(path), html_to_pdf, (html, roots), html.encode("utf-8")))
        spec = json.dumps(deck_spec(content, path), sort_keys=True, ensure_ascii=False)
        jobs.append(Job(slide_deck(path), make_deck, (spec, epoch), f"{epoch}\0{spec}".encode()))
    for module in modules_in_order(content):
        html = handout_html(content, project, site, module)
        jobs.append(Job(handout(module), html_to_pdf, (html, roots), html.encode("utf-8")))
    return jobs


TRAINING = Exporter(jobs=training_jobs)
