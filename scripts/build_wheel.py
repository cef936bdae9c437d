"""Build the operator's wheel (decision 095): copy the used npm assets into chengguan/vendor/, then
`pip wheel` the project without its dependencies into dist/. Prints the wheel's path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chengguan.web.assets import vendor  # noqa: E402  (after the path is set)


def build(out: Path) -> Path:
    copied = vendor(ROOT / "node_modules", ROOT / "chengguan" / "vendor")
    print(f"==> 前端文件 {len(copied)} 个复制到 chengguan/vendor/", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("chengguan-*.whl"):
        old.unlink()
    print("==> 构建 wheel（pip wheel --no-deps）", flush=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
    )
    (wheel,) = out.glob("chengguan-*.whl")
    return wheel


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist"
    print(build(target))
