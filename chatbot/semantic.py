"""Sentence embeddings: how close in meaning a question is to each passage and to the questions listed for it.

The model is all-MiniLM-L6-v2 (int8 ONNX, shipped in ``chatbot/data/minilm``), run by onnxruntime on the CPU.
Passage vectors are computed once and kept beside the corpus (``python -m chatbot embed``); a file that does
not match the corpus is ignored and the vectors are computed at start-up instead.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .corpus import Passage
from .retriever import mean_of_best
from .text import DATA_DIR

MODEL_DIR = DATA_DIR / "minilm"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
EMBEDDINGS_FILE = "embeddings.npz"
EMBED_COMMAND = "python -m chatbot embed"  # what writes a corpus's saved vectors
MAX_TOKENS = 128  # longer texts are cut; a question rarely needs more
_MAX_CHARS = 20 * MAX_TOKENS  # more characters than that many tokens ever take, cut before tokenizing
_BATCH = 32

log = logging.getLogger(__name__)


class ModelError(RuntimeError):
    """The embedding model's files are missing or not the ones this code was measured with."""


class Encoder:
    """Texts -> unit vectors (float32, 384 wide), one model per process."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        from tokenizers import Tokenizer

        self.model_file = model_dir / "model.onnx"
        try:
            digest = hashlib.sha256(self.model_file.read_bytes()).hexdigest()
            self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        except Exception as exc:  # noqa: BLE001 - tokenizers raises a bare Exception for a bad file
            raise ModelError(f"cannot load the embedding model from {model_dir}: {exc}") from None
        if digest != MODEL_SHA256:
            raise ModelError(f"{self.model_file} is not the expected model (sha256 {digest[:12]}..., expected {MODEL_SHA256[:12]}...)")
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        self._session = None
        self._pid = 0
        self._lock = threading.Lock()

    def _run(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        # A session is made in the process that uses it: gunicorn forks workers after loading the app.
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    import onnxruntime

                    options = onnxruntime.SessionOptions()
                    options.intra_op_num_threads = options.inter_op_num_threads = 1  # the server's threads are the parallelism
                    options.log_severity_level = 3
                    self._session = onnxruntime.InferenceSession(str(self.model_file), options, providers=["CPUExecutionProvider"])
                    self._pid = os.getpid()
        return self._session.run(None, feed)[0]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled, L2-normalised sentence vectors, one row per text."""
        # Batches of texts of like length, so little time goes on padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        rows = []
        for start in range(0, len(texts), _BATCH):
            encodings = self.tokenizer.encode_batch([_clean(texts[i]) for i in order[start : start + _BATCH]])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            hidden = self._run({"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
            pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            rows.append(pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12))
        if not rows:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = np.empty((len(texts), rows[0].shape[1]), dtype=np.float32)
        vectors[order] = np.vstack(rows)
        return vectors


def _clean(text: str) -> str:
    """The text as the tokenizer accepts it: no lone surrogates, and no longer than it can use."""
    return text[:_MAX_CHARS].encode("utf-8", "replace").decode("utf-8")


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """The shipped model, loaded once per process."""
    return Encoder()


class SemanticIndex:
    """Vectors for each passage's texts: its own text under its headings, each of its sentences when it has
    several, and each question listed for it. A passage's closeness to a question is the mean of its ``votes``
    closest texts."""

    def __init__(self, encoder: Encoder, owner: np.ndarray, vectors: np.ndarray, key: str, passage_count: int, votes: int = 3) -> None:
        self.encoder = encoder
        self.owner = owner
        self.vectors = vectors
        self.key = key
        self.passage_count = passage_count
        self.votes = votes
        self._sizes = np.bincount(owner, minlength=passage_count)
        self.vector = lru_cache(maxsize=4096)(self._vector)
        self.similarity = lru_cache(maxsize=4096)(self._similarity)

    @classmethod
    def build(cls, passages: Sequence[Passage], saved: Path | None = None, encoder: Encoder | None = None, votes: int = 3) -> SemanticIndex:
        """The index over ``passages``, with the vectors saved in ``saved`` when they match, else computed now."""
        encoder = encoder or default_encoder()
        views = [(n, text) for n, p in enumerate(passages) for text in (p.search_text, *p.sentences, *p.questions)]
        texts = [text for _, text in views]
        owner = np.array([n for n, _ in views], dtype=np.int64)
        key = _key(texts)
        return cls(encoder, owner, _vectors(encoder, texts, key, saved, EMBED_COMMAND), key, len(passages), votes)

    def save(self, path: Path) -> None:
        """Write the vectors (half precision) with the key that says which texts they belong to."""
        _write(path, self.key, self.vectors)

    def _vector(self, text: str) -> np.ndarray:
        """The text's sentence vector (read-only; cached per text)."""
        vector = self.encoder.encode([text])[0]
        vector.setflags(write=False)
        return vector

    def _similarity(self, text: str) -> np.ndarray:
        """Each passage's mean cosine similarity to ``text`` over its closest texts (read-only; cached per text)."""
        sims = self.vectors @ self.vector(text)
        closeness = mean_of_best(sims, self.owner, self._sizes, self.votes).astype(np.float32)
        closeness.setflags(write=False)
        return closeness


def mean_of_closest(similarities: np.ndarray, k: int) -> float:
    """The mean of the ``k`` highest similarities: how close a text is to a set of examples."""
    if len(similarities) <= k:
        return float(similarities.mean())
    return float(np.partition(similarities, -k)[-k:].mean())


def saved_vectors(encoder: Encoder, texts: Sequence[str], saved: Path | None, command: str = EMBED_COMMAND) -> np.ndarray:
    """Vectors for ``texts``, read from ``saved`` when it holds vectors for exactly these texts, else computed
    now (``command`` is what writes them); half precision either way (the same scores, half the memory)."""
    return _vectors(encoder, texts, _key(texts), saved, command)


def _vectors(encoder: Encoder, texts: Sequence[str], key: str, saved: Path | None, command: str) -> np.ndarray:
    vectors = _read(saved, key, command) if saved else None
    if vectors is None:
        if saved:
            log.info("computing %d sentence vectors (run '%s' to save them in %s)", len(texts), command, saved)
        vectors = encoder.encode(texts)
    return vectors.astype(np.float16).astype(np.float32)


def save_vectors(path: Path, encoder: Encoder, texts: Sequence[str]) -> int:
    """Compute and write the vectors of ``texts`` for ``saved_vectors`` to read; how many were written."""
    _write(path, _key(texts), encoder.encode(texts))
    return len(texts)


def _write(path: Path, key: str, vectors: np.ndarray) -> None:
    with open(path, "wb") as out:
        np.savez_compressed(out, key=np.array(key), vectors=vectors.astype(np.float16))


def _key(texts: Sequence[str]) -> str:
    """What vectors depend on: the model and every text, in order."""
    digest = hashlib.sha256(MODEL_SHA256.encode())
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _read(path: Path, key: str, command: str) -> np.ndarray | None:
    """Saved vectors, if ``path`` holds vectors for exactly these texts."""
    try:
        with np.load(path) as data:
            if str(data["key"]) == key:
                return data["vectors"]
        log.warning("%s was made for other texts; run '%s' to update it", path, command)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError) as exc:
        log.warning("ignoring %s: %s", path, exc)
    return None
