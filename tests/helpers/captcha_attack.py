"""A generic machine-reading attack on captcha images, as an outside tester runs it.

Binarise the image, cut it into characters, normalise each piece to a small
square, and name it after its nearest neighbours among pieces cut the same
way from captchas whose answers are known. Three ways to cut:

- `columns`: at empty columns (the reference attack); an image that does not
  give exactly five pieces is not read;
- `slices`: the same, but when the columns do not give five pieces, the ink's
  bounding box is split into five equal slices;
- `components`: the five largest connected blobs of ink that do not reach
  the image's sides, left to right; when there are fewer, the widest blob is
  split in two until there are five.

Before cutting, the attacker may erase thin strokes (a morphological opening)
and may count a column with a few ink pixels as empty, so that a thin noise
line does not join everything: `Preprocessing` names one such choice, and an
attacker tries several and keeps the best.
"""

import io
from collections import Counter
from dataclasses import dataclass

import numpy as np
from PIL import Image

SIDE = 20  # pieces are compared as SIDE x SIDE grey squares
LENGTH = 5
MIN_WIDTH = 3  # narrower runs of columns are specks, not characters
MIN_AREA = 30  # smaller blobs are specks


@dataclass(frozen=True)
class Preprocessing:
    opening: int = 1  # side of the square that erases thinner strokes; 1: none
    tolerance: int = 0  # a column with at most this many ink pixels is empty

    def __str__(self):
        return f"opening {self.opening}, tolerance {self.tolerance}"


def ink(png):
    """The dark pixels of an image (Otsu's threshold), as a boolean array."""
    gray = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.uint8)
    return gray < otsu(gray)


def otsu(gray):
    histogram = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * np.arange(256))
    total = weight[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight / total - mean) ** 2 / (weight * (total - weight))
    return int(np.nanargmax(between)) + 1


def preprocess(mask, preprocessing):
    side = preprocessing.opening
    return dilate(erode(mask, side), side) if side > 1 else mask


def erode(mask, side):
    return ~dilate(~mask, side)


def dilate(mask, side):
    """Grow the ink by a side x side square, one direction at a time."""
    for axis in (0, 1):
        before, after = side // 2, side - 1 - side // 2
        padded = np.pad(mask, [(before, after) if dim == axis else (0, 0) for dim in (0, 1)])
        grown = np.zeros_like(mask)
        for offset in range(side):
            window = [slice(None), slice(None)]
            window[axis] = slice(offset, offset + mask.shape[axis])
            grown |= padded[tuple(window)]
        mask = grown
    return mask


def column_runs(mask, tolerance, min_width=MIN_WIDTH):
    filled = np.concatenate(([False], mask.sum(axis=0) > tolerance, [False]))
    edges = np.flatnonzero(np.diff(filled.astype(np.int8)))
    runs = zip(edges[::2], edges[1::2], strict=True)
    return [(start, end) for start, end in runs if end - start >= min_width]


def cut_at_columns(mask, tolerance):
    runs = column_runs(mask, tolerance)
    if len(runs) != LENGTH:
        return None
    return [mask[:, start:end] for start, end in runs]


def cut_in_slices(mask, tolerance):
    pieces = cut_at_columns(mask, tolerance)
    if pieces is not None:
        return pieces
    runs = column_runs(mask, tolerance, min_width=1)
    if not runs:
        return None
    edges = np.linspace(runs[0][0], runs[-1][1], LENGTH + 1).round().astype(int)
    return [mask[:, start:end] for start, end in zip(edges, edges[1:], strict=False)]


def cut_into_components(mask, tolerance):
    labels = components(mask)
    areas = np.bincount(labels.ravel())
    areas[0] = 0  # the background
    # Blobs that reach the image's left or right side are noise (a curve's
    # ends, say), not characters.
    areas[labels[:, 0]] = areas[labels[:, -1]] = 0
    largest = [label for label in np.argsort(-areas)[:LENGTH] if areas[label] >= MIN_AREA]
    if not largest:
        return None
    pieces = [(labels == label) for label in largest]
    pieces = [(blob, bounding_columns(blob)) for blob in pieces]
    while len(pieces) < LENGTH:  # too few blobs: halve the widest
        pieces.sort(key=lambda piece: piece[1][1] - piece[1][0])
        blob, (left, right) = pieces.pop()
        middle = (left + right) // 2
        for start, end in ((left, middle), (middle, right)):
            half = np.zeros_like(blob)
            half[:, start:end] = blob[:, start:end]
            pieces.append((half, (start, end)))
    pieces.sort(key=lambda piece: piece[1][0])
    return [blob[:, left:right] for blob, (left, right) in pieces]


def bounding_columns(blob):
    columns = np.flatnonzero(blob.any(axis=0))
    return int(columns[0]), int(columns[-1]) + 1


def components(mask):
    """8-connected blobs of ink as a label image (0: background): union-find
    over the runs of ink in each row."""
    height, width = mask.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    steps = np.diff(padded, axis=1)
    rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)
    parent = list(range(len(starts)))

    def root(run):
        while parent[run] != run:
            parent[run] = parent[parent[run]]
            run = parent[run]
        return run

    bounds = np.searchsorted(rows, np.arange(height + 1))
    for row in range(1, height):
        above, here = slice(bounds[row - 1], bounds[row]), slice(bounds[row], bounds[row + 1])
        # Runs of neighbouring rows touch, diagonally too, when their spans meet.
        touching = (starts[here][None, :] <= ends[above][:, None]) & (
            starts[above][:, None] <= ends[here][None, :]
        )
        for a, b in zip(*np.nonzero(touching), strict=True):
            parent[root(bounds[row] + b)] = root(bounds[row - 1] + a)
    labels = np.zeros(mask.shape, dtype=np.int32)
    for run, (row, start, end) in enumerate(zip(rows, starts, ends, strict=True)):
        labels[row, start:end] = root(run) + 1
    return labels


CUTS = {"columns": cut_at_columns, "slices": cut_in_slices, "components": cut_into_components}


def normalised(piece):
    """A piece cropped to its ink and scaled to SIDE x SIDE, as a unit vector."""
    rows, columns = np.flatnonzero(piece.any(axis=1)), np.flatnonzero(piece.any(axis=0))
    if not len(rows):
        return np.zeros(SIDE * SIDE, dtype=np.float32)
    piece = piece[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]
    square = Image.fromarray(piece.astype(np.uint8) * 255).resize(
        (SIDE, SIDE), Image.Resampling.BILINEAR
    )
    vector = np.asarray(square, dtype=np.float32).ravel()
    vector -= vector.mean()
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


class NearestNeighbours:
    def __init__(self, vectors, labels):
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.labels = np.asarray(labels)

    def predict(self, vectors, k, chunk=512):
        """A label for each row of `vectors`: the most common among its k
        nearest training pieces, a tie going to the nearest of the tied."""
        vectors = np.asarray(vectors, dtype=np.float32)
        answers = []
        for begin in range(0, len(vectors), chunk):
            # Unit vectors: the largest dot product is the smallest distance.
            similarity = vectors[begin : begin + chunk] @ self.vectors.T
            nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
            order = np.argsort(-np.take_along_axis(similarity, nearest, axis=1), axis=1)
            for row in self.labels[np.take_along_axis(nearest, order, axis=1)]:
                votes = Counter(row)
                best = max(votes.values())
                answers.append(next(label for label in row if votes[label] == best))
        return answers


@dataclass
class Result:
    cut: str
    preprocessing: Preprocessing
    k: int
    read: int
    total: int

    @property
    def rate(self):
        return self.read / self.total

    def __str__(self):
        return (
            f"{self.cut:<10} k={self.k} ({self.preprocessing}): "
            f"{self.read}/{self.total} = {self.rate:.1%}"
        )


class Attack:
    """Reads captchas after training on captchas with known answers.

    `training`: [(png, answer)]; `test`: [([png, ...], answer)], several
    fetches of one key, read by a majority vote per character."""

    def __init__(self, training, test):
        self.training, self.test = training, test
        self.inks = {}  # png -> its ink, shared by every way of cutting

    def ink(self, png):
        if png not in self.inks:
            self.inks[png] = ink(png)
        return self.inks[png]

    def run(self, cut, preprocessing, ks=(1, 3)):
        """One Result per k."""
        split = CUTS[cut]
        seen = {}

        def pieces(png):
            """The image's normalised pieces, or None when the cut fails."""
            if png not in seen:
                mask = preprocess(self.ink(png), preprocessing)
                cut_pieces = split(mask, preprocessing.tolerance)
                seen[png] = cut_pieces and [normalised(piece) for piece in cut_pieces]
            return seen[png]

        vectors, labels = [], []
        for png, answer in self.training:
            if cut_pieces := pieces(png):
                vectors.extend(cut_pieces)
                labels.extend(answer)
        total = len(self.test)
        if not vectors:
            return [Result(cut, preprocessing, k, 0, total) for k in ks]
        reader = NearestNeighbours(vectors, labels)
        fetched = [[pieces(png) for png in fetches] for fetches, _ in self.test]
        queries = [
            vector
            for fetches in fetched
            for cut_pieces in fetches
            if cut_pieces
            for vector in cut_pieces
        ]
        results = []
        for k in ks:
            named = iter(reader.predict(queries, k) if queries else [])
            read = 0
            for fetches, (_, answer) in zip(fetched, self.test, strict=True):
                readings = [
                    [next(named) for _ in cut_pieces] for cut_pieces in fetches if cut_pieces
                ]
                if readings and vote(readings) == answer:
                    read += 1
            results.append(Result(cut, preprocessing, k, read, total))
        return results


def vote(readings):
    return "".join(
        Counter(position).most_common(1)[0][0] for position in zip(*readings, strict=True)
    )
