"""The shared floor: scene elements, text measuring, fonts, SVG icons, chart axes, contrast.

Everything above it (content, compose, render, export, the faces) may import it; it
imports nothing of theirs.
"""
