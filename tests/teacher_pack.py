"""A teacher's own pack, as teachers write them: nine content sections on the heart.

Long pathway, cycle, axis, cluster, chart and pictogram diagrams, statistics (some
restating the takeaway), a quote and a picture, mixed citations; ``extra`` adds
more sections (a 12-section pack). Used by the one-page infographic tests.
"""

from __future__ import annotations

from pathlib import Path

REFS = """\
references:
  - key: bhf2024
    authors: British Heart Foundation
    title: Heart and circulatory disease statistics 2024
    container: BHF
    year: 2024
  - key: tortora2017
    authors: Tortora GJ, Derrickson B
    title: Principles of Anatomy and Physiology, 15th edition
    container: Wiley
    year: 2017
"""

SECTIONS = {
    "title.yaml": """\
id: title
title: The heart and circulation
summary: How the heart keeps blood moving round the body.
kind: title
notes: Ask who has felt their pulse after running.
""",
    "pump.yaml": """\
id: pump
title: A pump of four chambers
summary: The heart is a muscle with two atria and two ventricles.
takeaway: The heart is two pumps side by side, each with an atrium above a ventricle.
icon: heart
notes: Show a model heart.
blocks:
  - type: stat
    value: 100000
    label: heartbeats in an average day
    icon: heart
    cite: [bhf2024]
  - type: diagram
    kind: cluster
    title: The four chambers
    centre: The heart
    items:
      - {label: Right atrium, detail: receives blood from the body}
      - {label: Right ventricle, detail: pumps it to the lungs}
      - {label: Left atrium, detail: receives blood from the lungs}
      - {label: Left ventricle, detail: pumps it to the body}
    cite: [tortora2017]
""",
    "journey.yaml": """\
id: journey
title: The journey of one red blood cell
summary: Blood visits the lungs and the body in turn.
takeaway: One trip round the body takes about a minute and passes the heart twice.
notes: Walk the class through the route with arrows on the floor.
blocks:
  - type: diagram
    kind: pathway
    title: Round the body and back
    caption: Blood passes through the heart twice on every trip.
    steps:
      - {label: Vena cava}
      - {label: Right atrium}
      - {label: Tricuspid valve}
      - {label: Right ventricle}
      - {label: Pulmonary artery}
      - {label: Lungs, detail: "carbon dioxide out, oxygen in", highlight: true}
      - {label: Pulmonary vein}
      - {label: Left atrium}
      - {label: Mitral valve}
      - {label: Left ventricle}
      - {label: Aorta}
      - {label: Body tissues, detail: oxygen delivered}
    cite: [tortora2017]
""",
    "loops.yaml": """\
id: loops
title: Two loops
summary: The lung loop and the body loop.
takeaway: Humans have a double circulation, so blood is pumped hard to the body.
icon: refresh
notes: Compare with a fish's single loop.
blocks:
  - type: diagram
    kind: cycle
    title: The double circulation
    centre: Heart
    steps:
      - {label: Right heart}
      - {label: Lungs}
      - {label: Left heart}
      - {label: Body}
    cite: [tortora2017]
""",
    "blood.yaml": """\
id: blood
title: What blood is made of
summary: Plasma carries cells and dissolved substances.
takeaway: More than half of blood is plasma, a yellow liquid.
notes: Show a centrifuged blood sample photo.
blocks:
  - type: stat
    value: 5
    unit: " litres"
    label: of blood in an adult's body
    cite: [tortora2017]
  - type: diagram
    kind: chart
    title: Blood by volume
    items:
      - {label: Plasma, value: 55, cite: [tortora2017]}
      - {label: Red blood cells, value: 44, cite: [tortora2017]}
      - {label: White cells and platelets, value: 1, cite: [tortora2017]}
""",
    "vessels.yaml": """\
id: vessels
title: Three kinds of vessel
summary: Arteries, veins and capillaries.
takeaway: Arteries carry blood away from the heart, veins bring it back.
notes: Feel the pulse at the wrist.
blocks:
  - type: diagram
    kind: cluster
    title: Blood vessels
    centre: Vessels
    items:
      - {label: Arteries, detail: "thick walls, high pressure"}
      - {label: Veins, detail: valves stop backflow}
      - {label: Capillaries, detail: one cell thick}
    uncited: true
  - type: quote
    text: The capillaries are where the real work of the circulation is done.
    attribution: A school biology textbook
    uncited: true
""",
    "exercise.yaml": """\
id: exercise
title: Exercise and the heart
summary: Muscles ask for more oxygen; the heart answers.
takeaway: During exercise the heart beats faster and pumps more blood each beat.
icon: run
notes: Measure resting and active pulse.
blocks:
  - type: diagram
    kind: axis
    title: Heart and muscles
    left: {label: Heart, detail: pumps faster}
    right: {label: Muscles, detail: need more oxygen}
    channels:
      - {label: Oxygen in the blood, direction: to-right}
      - {label: Carbon dioxide, direction: to-left}
      - {label: Nerve signals}
    uncited: true
  - type: stat
    value: 2
    value_high: 3
    unit: "×"
    prefix: up to
    label: more blood pumped each minute during hard exercise
    uncited: true
""",
    "risks.yaml": """\
id: risks
title: What harms the heart
summary: Smoking, inactivity and poor diet raise the risk of heart disease.
takeaway: Most heart disease is linked to things we can change.
notes: Discuss which risks students can influence.
blocks:
  - type: diagram
    kind: chart
    title: Adults with a risk factor (UK)
    style: bar
    items:
      - {label: High blood pressure, value: 30, cite: [bhf2024]}
      - {label: Physically inactive, value: 34, cite: [bhf2024]}
      - {label: Smoking, value: 13, cite: [bhf2024]}
""",
    "habits.yaml": """\
id: habits
title: Healthy habits
summary: Daily choices that keep the heart strong.
takeaway: An hour of activity a day and less salt help keep the heart healthy.
notes: Make a class poster of habits.
infographic: {show: [takeaway, picture], priority: 4}
blocks:
  - type: picture
    path: images/run.png
    alt: A drawing of a runner
    caption: Activity every day.
""",
    "numbers.yaml": """\
id: numbers
title: Heart disease in numbers
summary: How common heart disease is.
takeaway: About one in four deaths in the UK is caused by heart and circulatory disease.
infographic: {show: [takeaway, diagram, stat], priority: 2}
notes: Ask students to guess before showing the number.
blocks:
  - type: diagram
    kind: pictogram
    title: Deaths in the UK
    value: 25
    label: of deaths are from heart and circulatory disease
    figures: 20
    cite: [bhf2024]
""",
}

EXTRA = {
    "valves.yaml": """\
id: valves
title: Valves
summary: Valves keep blood flowing one way.
takeaway: The heart's four valves shut behind the blood, making the lub-dub sound.
notes: Listen with a stethoscope.
blocks:
  - type: stat
    value: 4
    label: valves in the heart
    uncited: true
""",
    "pressure.yaml": """\
id: pressure
title: Blood pressure
summary: The push of blood on the artery walls.
takeaway: Blood pressure is highest in the arteries and lowest in the veins.
notes: Show a blood pressure cuff.
blocks:
  - type: diagram
    kind: pathway
    title: Pressure falls along the way
    steps:
      - {label: Aorta}
      - {label: Arteries}
      - {label: Capillaries}
      - {label: Veins}
    uncited: true
""",
    "history.yaml": """\
id: history
title: Discovering the circulation
summary: William Harvey described the circulation in 1628.
takeaway: Harvey showed that the same blood goes round and round the body.
notes: Tell the story of Harvey's experiments.
blocks:
  - type: quote
    text: The blood is driven into a round by a circular motion.
    attribution: William Harvey, 1628
    uncited: true
""",
}


def write_teacher_pack(root: Path, *, extra: bool = False) -> Path:
    """Write the pack (9 content sections, 12 with ``extra``) at ``root``; returns it."""
    from PIL import Image, ImageDraw

    sections = {**SECTIONS, **(EXTRA if extra else {})}
    (root / "sections").mkdir(parents=True)
    (root / "images").mkdir()
    img = Image.new("RGB", (480, 320), "#e8f1f2")
    ImageDraw.Draw(img).ellipse((180, 60, 300, 260), fill="#0d6e78")
    img.save(root / "images" / "run.png")
    listing = "".join(f"  - sections/{n}\n" for n in sections)
    (root / "pack.yaml").write_text(
        "id: heart\ntitle: The heart and circulation\nsubtitle: A pump, two loops and "
        "three kinds of vessel\nauthor: A science teacher\naudience: Year 9\nsections:\n"
        + listing,
        encoding="utf-8",
    )
    for name, text in sections.items():
        (root / "sections" / name).write_text(text, encoding="utf-8")
    (root / "references.yaml").write_text(REFS, encoding="utf-8")
    return root
