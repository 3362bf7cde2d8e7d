"""The command line: exit codes, messages, and the files it writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from infodeck.cli import main

from conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in a fresh interpreter (cold, as a teacher would)."""
    return subprocess.run(
        [sys.executable, "-m", "infodeck", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "desktop")},
    )


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith("infodeck 0.")


def test_lists(capsys):
    assert main(["layouts"]) == 0
    out = capsys.readouterr().out
    assert "a4-portrait" in out and "2480×3508 px at 300 dpi" in out
    assert main(["themes"]) == 0
    assert "colour-blind-safe" in capsys.readouterr().out
    assert main(["sections"]) == 0
    out = capsys.readouterr().out
    assert "gut-brain-axis" in out and "[manufacturer's description]" in out


def test_schema_is_json(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"pack", "section", "references"} <= set(schema["$defs"])


def test_icons_finds_by_name_and_keyword(capsys):
    assert main(["icons", "water", "cycle"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("water ") and "(draws droplet)" in first
    assert "cloud-rain" in out and "Tabler Icons 3.52.0 (MIT)" in out
    assert main(["icons"]) == 0
    out = capsys.readouterr().out
    assert "brain " in out and "[Infodeck]" in out and "MIT licence" in out
    assert int(out.rsplit("\n\n", 1)[1].split()[0]) >= 310


def test_icons_lists_a_pack_s_own_and_says_when_nothing_matches(make_pack, tmp_path, capsys):
    root = make_pack()
    (root / "icons").mkdir()
    (root / "icons" / "my-cell.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/>'
        "</svg>", encoding="utf-8")
    assert main(["icons", "--pack", str(root), "my-cell"]) == 0
    assert "[this pack]" in capsys.readouterr().out
    assert main(["icons", "qqzzxx"]) == 2
    assert "no icon matches 'qqzzxx'" in capsys.readouterr().err


def test_check_broken_pack_exit_2(make_pack, capsys):
    root = make_pack({"intro.yaml": "id: intro\ntitle: [\n"})
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "intro.yaml:2:" in err and "Traceback" not in err


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path), "--theme", "nope"]) == 2
    assert "unknown theme 'nope'; choose one of: " in capsys.readouterr().err
    assert main(["export", "--out", str(tmp_path), "--sections", "nope"]) == 2
    assert "unknown section 'nope'" in capsys.readouterr().err
    assert main(["export", "--out", str(tmp_path), "--layout", "a4-portrait"]) == 2
    assert "unknown deck layout" in capsys.readouterr().err
    assert main(["export", "--out", str(tmp_path), "--formats", "gif"]) == 2
    assert "unknown format 'gif'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["export"])
    assert e.value.code == 2


def test_output_path_is_a_file(tmp_path, capsys):
    f = tmp_path / "file"
    f.write_text("x")
    assert main(["export", "--out", str(f), "--formats", "pptx"]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert f.read_text() == "x"


def test_export_refuses_overwrite_then_force(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["export", "--out", str(out), "--formats", "pptx", "--sections", "gut-brain-axis"]
    assert main(args) == 0
    deck = out / "gut-health-migraines.pptx"
    first = deck.read_bytes()
    assert main(args) == 2
    assert "already exist" in capsys.readouterr().err
    assert deck.read_bytes() == first
    assert main([*args, "--force"]) == 0
    assert not list(out.glob(".*tmp"))


@pytest.mark.slow  # a cold export in a new process (4-5 s); CI and `make test` run it
def test_full_export_cold(tmp_path):
    out = tmp_path / "out"
    r = run("export", "--out", str(out), "--formats", "pptx,png,svg,pdf,slides-png")
    assert r.returncode == 0, r.stderr
    # Every line reached the pipe, though the process skips the interpreter's teardown.
    written = [p for p in out.rglob("*") if p.is_file()]
    assert sorted(r.stdout.splitlines()) == sorted(f"wrote {p}" for p in written)
    from PIL import Image

    with Image.open(out / "gut-health-migraines.png") as im:
        assert im.size[0] >= 2480 and im.size[1] >= 3508
        assert round(im.info["dpi"][0]) == 300
    diagrams = sorted(p.name for p in (out / "diagrams").iterdir())
    assert "neuroinflammation-1.svg" in diagrams and "gut-brain-axis-1.pdf" in diagrams
    assert len(list((out / "slides").glob("*.png"))) >= 10
    assert (out / "gut-health-migraines.pptx").stat().st_size > 20_000
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_a_one_shot_command_ends_as_any_program_does(tmp_path):
    """No private exit: exit handlers run, streams are flushed, the status is kept."""
    code = (
        "import atexit, logging, sys\n"
        "from infodeck.__main__ import main\n"
        f"logging.basicConfig(filename={str(tmp_path / 'log.txt')!r})\n"
        "logging.getLogger('t').warning('logged')\n"
        "atexit.register(print, 'handler ran')\n"
        "print('buffered', end=' ')\n"
        "sys.argv = ['infodeck', 'check', " + repr(str(tmp_path / "nope")) + "]\n"
        "sys.exit(main())\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "desktop")},
    )
    assert r.returncode == 2
    assert r.stdout == "buffered handler ran\n"
    assert "nope" in r.stderr and "Traceback" not in r.stderr
    assert "logged" in (tmp_path / "log.txt").read_text()
    import infodeck.cli

    source = Path(infodeck.cli.__file__).read_text() + Path(infodeck.cli.__file__).with_name("__main__.py").read_text()
    assert "_run_exitfuncs" not in source and "os._exit" not in source


def test_broken_pack_cold_exit_2_no_traceback(make_pack, tmp_path):
    root = make_pack(
        {
            "intro.yaml": "id: intro\ntitle: Intro\nsummary: s\nnotes: n\nblocks:\n"
            "  - type: stat\n    value: ninety\n    label: x\n"
            "    uncited: true\n"
        }
    )
    r = run("export", str(root), "--out", str(tmp_path / "o"))
    assert r.returncode == 2
    assert "intro.yaml:7:12: sections[0].blocks[0].value: must be a number" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "o").exists()


def test_unwritable_folder(tmp_path, capsys):
    import os

    if os.geteuid() == 0:
        # root ignores permissions; simulate with a path under a file instead
        blocker = tmp_path / "blocker"
        blocker.write_text("")
        target = blocker / "sub"
    else:
        target = tmp_path / "ro"
        target.mkdir()
        target.chmod(0o500)
    assert (
        main(["export", "--out", str(target), "--formats", "pptx", "--sections", "gut-brain-axis"])
        == 2
    )
    err = capsys.readouterr().err
    assert "cannot write" in err or "is a file" in err or "not a folder" in err
    assert Path(tmp_path).exists()


def test_export_frames_for_handouts(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["export", "--out", str(out), "--formats", "frames"]
    assert main([*args, "--sections", "neuroinflammation,diet-statistics"]) == 0
    frames = sorted(p.name for p in (out / "diagrams" / "frames").iterdir())
    assert frames == [f"neuroinflammation-1-step-{k}.png" for k in range(1, 9)]
    from PIL import Image

    with Image.open(out / "diagrams" / "frames" / frames[2]) as im:
        assert round(im.info["dpi"][0]) == 300
        assert im.text["Description"].startswith("Step 3 of 8. Pathway diagram")
    # Only the frames were asked for: no deck, no infographic, no other diagram file.
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == frames
    # Nothing in the chosen sections reveals step by step: say so, write nothing.
    out2 = tmp_path / "out2"
    capsys.readouterr()
    assert main(["export", "--out", str(out2), "--formats", "frames",
                 "--sections", "diet-statistics"]) == 0
    assert "no chosen diagram reveals step by step" in capsys.readouterr().err
    assert not out2.exists() or not any(out2.rglob("*.png"))


_LOOP = "a symbolic link loop (a link that leads back to itself)"


def _loop(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(path.name)  # a link to itself


@pytest.mark.parametrize("what", ["picture", "section", "icon", "icons folder", "pack"])
def test_symbolic_link_loops_are_the_users_mistake(make_pack, tmp_path, capsys, what):
    """Each of these was "internal error … a bug in Infodeck" (exit 1)."""
    pic = "  - type: picture\n    path: images/x.png\n    alt: A picture\n    cite: [smith2020]\n"
    from conftest import SECTION

    root = make_pack({"intro.yaml": SECTION + pic})
    (root / "images").mkdir()
    (root / "icons").mkdir()
    from PIL import Image

    Image.new("RGB", (10, 10), "green").save(root / "images" / "x.png")
    arg = str(root)
    named = {
        "picture": "intro.yaml:10:11: sections[0].blocks[1].path: " + _LOOP,
        "section": "pack.yaml:6:5: sections[0]: " + _LOOP,
        "icon": "pack/icons/leaf.svg: " + _LOOP,
        "icons folder": "pack/icons: " + _LOOP,
        "pack": "loop: " + _LOOP,
    }[what]
    if what == "picture":
        _loop(root / "images" / "x.png")
    elif what == "section":
        _loop(root / "sections" / "intro.yaml")
    elif what == "icon":
        _loop(root / "icons" / "leaf.svg")
    elif what == "icons folder":
        (root / "icons").rmdir()
        _loop(root / "icons")
    else:
        _loop(tmp_path / "loop")
        arg = str(tmp_path / "loop")
    assert main(["check", arg]) == 2
    err = capsys.readouterr().err
    assert named in err, err
    out = tmp_path / "out"
    assert main(["export", arg, "--out", str(out)]) == 2
    assert named in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_section_file_that_is_no_file_is_named_as_such(make_pack, capsys, kind):
    root = make_pack()
    section = root / "sections" / "intro.yaml"
    section.unlink()
    if kind == "folder":
        section.mkdir()
        why = "section file 'sections/intro.yaml' is a folder, not a file"
    else:
        import os

        os.mkfifo(section)
        why = "section file 'sections/intro.yaml' is not a regular file (a pipe, socket or device?)"
    assert main(["check", str(root)]) == 2
    assert f"pack.yaml:6:5: sections[0]: {why}" in capsys.readouterr().err


def test_check_names_every_mistake_in_a_pack_s_words_files(make_pack, tmp_path, capsys):
    root = make_pack()
    (root / "words").mkdir()
    (root / "words" / "nl.yaml").write_text(
        'step: "Stap {k}"\nsourcez: "Bron"\nsources: "Bronnen {"\n', encoding="utf-8"
    )
    (root / "words" / "it.yaml").write_text('sources: "Fonti\n', encoding="utf-8")
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "nl.yaml:1:7: step: must contain {k}, {n}" in err
    assert "nl.yaml:2:1: sourcez: unknown key 'sourcez' (did you mean 'source'?)" in err
    assert "nl.yaml:3:10: sources: a '{' or '}' without its pair" in err
    assert "it.yaml:2:1: not readable YAML" in err
    # Export refuses the pack with the same messages, not as a layout or theme mistake.
    assert main(["export", str(root), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "nl.yaml:1:7" in err and "layout or theme" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_command_line_configures_drawing_and_only_when_it_draws(tmp_path):
    """rcParams are the face's business: importing changes none; check and sections
    never import matplotlib; an export sets the drawing up where it draws."""
    script = (
        "import sys\n"
        "from infodeck.cli import main\n"
        "import infodeck.render.mpl as mpl\n"  # importing the renderer changes nothing
        "import matplotlib\n"
        "assert matplotlib.rcParams['text.hinting'] != 'no_hinting'\n"
        "assert not mpl._configured\n"
        "calls = []\n"
        "one = ['--sections', 'diet-statistics']\n"
        "import infodeck.cli as cli\n"
        "real = cli.configure_drawing\n"
        "cli.configure_drawing = lambda: (calls.append(1), real())\n"
        f"assert main(['export', '--out', {str(tmp_path / 'a')!r}, *one, '--formats', 'pptx']) == 0\n"
        "assert calls == []\n"  # nothing drawn, nothing set up
        f"assert main(['export', '--out', {str(tmp_path / 'b')!r}, *one, '--formats', 'png']) == 0\n"
        "assert calls == [1], calls\n"
        "assert matplotlib.rcParams['text.hinting'] == 'no_hinting'\n"
    )
    env = {"PYTHONPATH": str(ROOT / "desktop"), "PATH": "/usr/bin:/bin", "INFODECK_PROCESSES": "1"}
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    quiet = (
        "import sys\nfrom infodeck.cli import main\n"
        "from infodeck.resources import builtin_pack_dir\n"
        "pack = str(builtin_pack_dir())\n"
        "assert main(['check', pack]) == 0 and main(['sections', pack]) == 0\n"
        "print('matplotlib' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", quiet], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "False"
