from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_PATH = ROOT / "seeds" / "000_39ba539a738d8007.txt"
