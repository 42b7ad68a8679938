"""Training material derived from learning paths and modules: page paths, timings, agendas, quiz keys.

Shared by the site pages and the exports (facilitator guides, handouts, slide decks), so a path's
estimated time or a module's agenda is computed in one place and never written twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from ..i18n import _
from ..model import Content, LearningPath, Module
from .urls import relative_url

DOWNLOADS = "training/downloads"


def facilitator_guide(path: LearningPath) -> str:
    return f"{DOWNLOADS}/{path.id}-facilitator-guide.pdf"


def slide_deck(path: LearningPath) -> str:
    return f"{DOWNLOADS}/{path.id}-slides.pptx"


def scorm_package(path: LearningPath, version: str) -> str:
    """version: "1.2" or "2004" (4th edition)."""
    return f"{DOWNLOADS}/{path.id}-scorm{version.replace('.', '')}.zip"


def handout(module: Module) -> str:
    return f"{DOWNLOADS}/{module.id}-handout.pdf"


def path_minutes(content: Content, path: LearningPath) -> int:
    return sum(content.modules[m].minutes for m in path.modules)


def duration(minutes: int) -> str:
    """45 -> '45 min', 90 -> '1 h 30 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(m)s min") % {"m": rest}
    return _("%(h)s h %(m)s min") % {"h": hours, "m": rest} if rest else _("%(h)s h") % {"h": hours}


def clock(minutes: int) -> str:
    """Offset from the start of a session: 75 -> '1:15'."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def paths_of(content: Content, module_id: str) -> list[LearningPath]:
    return [p for p in content.ordered("learning_paths") if module_id in p.modules]


def modules_in_order(content: Content) -> list[Module]:
    """Modules as the paths teach them (first appearance), then any module no path uses, by id."""
    seen: dict[str, Module] = {}
    for p in content.ordered("learning_paths"):
        for m in p.modules:
            seen.setdefault(m, content.modules[m])
    return [*seen.values(), *(m for m in content.ordered("modules") if m.id not in seen)]


@dataclass(frozen=True)
class Slot:
    start: int  # minutes from the start of the day's session
    end: int
    module: Module | None  # None for a break or the end of a day
    activity: str  # "lesson", "exercise", "quiz", "break" or "end-of-day"
    title: str
    day: int = 1


def module_agenda(module: Module, start: int = 0, day: int = 1) -> list[Slot]:
    """Lessons, then the exercise, then the quiz and discussion, which take the module's remaining time."""
    slots, t = [], start
    for lesson in module.lessons:
        slots.append(Slot(t, t + lesson.minutes, module, "lesson", lesson.title, day))
        t += lesson.minutes
    if module.exercise:
        slots.append(Slot(t, t + module.exercise.minutes, module, "exercise", _("Exercise: %(title)s") % {"title": module.exercise.title}, day))
        t += module.exercise.minutes
    rest = start + module.minutes - t
    if rest > 0:
        label = _("Quiz and discussion") if module.quiz else _("Discussion")
        slots.append(Slot(t, t + rest, module, "quiz", label, day))
    return slots


def path_agenda(content: Content, path: LearningPath) -> list[Slot]:
    """The modules in order with the path's breaks after them; the clock starts again on each new day."""
    breaks = {b.after: b for b in path.breaks}
    slots, t, day = [], 0, 1
    for mid in path.modules:
        module = content.modules[mid]
        slots += module_agenda(module, t, day)
        t += module.minutes
        pause = breaks.get(mid)
        if pause is None or mid == path.modules[-1]:
            continue
        if pause.end_of_day:
            slots.append(Slot(t, t, None, "end-of-day", pause.title or _("End of day %(day)s") % {"day": day}, day))
            t, day = 0, day + 1
        else:
            slots.append(Slot(t, t + (pause.minutes or 0), None, "break", pause.title or _("Break"), day))
            t += pause.minutes or 0
    return slots


def break_minutes(path: LearningPath) -> int:
    """The breaks' minutes together (ends of days not counted); the path's estimated time leaves them out."""
    return sum(b.minutes or 0 for b in path.breaks if not b.end_of_day)


def path_days(path: LearningPath) -> int:
    return 1 + sum(b.end_of_day for b in path.breaks)


def quiz_key(content: Content, module: Module) -> str:
    """localStorage prefix for a module's answers: per playbook (title) and version, so a new edition starts fresh."""
    return f"playbook-gen:quiz:{content.playbook.title}:{content.playbook.version}:{module.id}"


def letter(n: int) -> str:
    return "ABCDEF"[n]


def correct_index(question) -> int:
    return next(i for i, o in enumerate(question.options) if o.correct)


# Templates see these as `training.<name>`.
HELPERS = SimpleNamespace(**{"path_minutes": path_minutes, "duration": duration, "clock": clock, "paths_of": paths_of,
           "module_agenda": module_agenda, "path_agenda": path_agenda,
           "break_minutes": break_minutes, "path_days": path_days, "quiz_key": quiz_key, "letter": letter,
           "correct_index": correct_index, "facilitator_guide": facilitator_guide, "slide_deck": slide_deck,
           "handout": handout, "scorm_package": scorm_package, "relative_url": relative_url})
