"""Printable classroom materials: a handout of the slides, a worksheet and its answer key.

``worksheet.build`` turns the chosen sections into exercises (a small model in
``model``, the same for the PDF, the Word file and the answer key), ``sheets`` lays
that model out on print pages, ``handout`` puts the deck's own slides, drawn small,
beside lines for notes. Everything is pure and deterministic: the same pack and
choices give the same pages.
"""
