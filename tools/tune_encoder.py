"""Fine-tune the shipped sentence encoder on the banks, so that it reads what the rules ask.

all-MiniLM-L6-v2 was trained to place paraphrases together, not to tell "the time of the check,
not whether it happens" from "whether the check happens". This script trains it further on the
phrasings of every bank of the built-in pack (fire against pass and borrowed near-misses), one
small classifying head per bank on the shared encoder (multi-task, as SetFit tunes a body before
its head), then stores the encoder's layers in place of the shipped ones. The heads are thrown
away: the judges train their own classifiers on the tuned embeddings (tools/train_banks.py).

Only the banks are read. The development part chooses the settings; the evaluation part is never
read. Needs torch (not a dependency of clarity): ``pip install torch`` in a separate
environment with clarity installed, then, from the repository::

    python tools/tune_encoder.py --base BASE_FOLDER --out models/clarity-minilm-l6
    python tools/train_banks.py

BASE_FOLDER holds all-MiniLM-L6-v2 as clarity stored it before tuning (half-precision
model.safetensors and tokenizer.json; in this repository's history as
models/all-MiniLM-L6-v2/). The shipped encoder is two passes at the defaults below. The run is
seeded; the same torch build gives the same weights.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path
from typing import Any

LAYERS, HEADS, DIMENSIONS, MAX_TOKENS = 6, 12, 384, 128


def banks() -> list[tuple[str, list[str], list[str]]]:
    """Each bank of the built-in pack: its name, the phrasings that fire and those that pass."""
    from clarity.core.judge.normalize import surface
    from clarity.core.rules.pack import builtin_pack_path, load_pack

    pack = load_pack([])
    folder = builtin_pack_path()
    judges = next(j for j in pack.judges if j.folder == folder)
    out = []
    for path in sorted((folder / "banks").glob("*.yaml")):
        bank = judges.judge(path.stem).bank
        fire = [surface(t) for t in bank.fire]
        passing = [surface(t) for t in [*bank.near_misses, *bank.borrowed]]
        out.append((path.stem, fire, passing))
    return out


def build(weights: dict[str, Any]) -> Any:
    import torch
    from torch import nn

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.query = nn.Linear(DIMENSIONS, DIMENSIONS)
            self.key = nn.Linear(DIMENSIONS, DIMENSIONS)
            self.value = nn.Linear(DIMENSIONS, DIMENSIONS)
            self.out = nn.Linear(DIMENSIONS, DIMENSIONS)
            self.norm1 = nn.LayerNorm(DIMENSIONS, eps=1e-12)
            self.up = nn.Linear(DIMENSIONS, 4 * DIMENSIONS)
            self.down = nn.Linear(4 * DIMENSIONS, DIMENSIONS)
            self.norm2 = nn.LayerNorm(DIMENSIONS, eps=1e-12)

        def forward(self, x: Any, hidden: Any) -> Any:
            b, n, _ = x.shape
            size = DIMENSIONS // HEADS

            def heads(t: Any) -> Any:
                return t.view(b, n, HEADS, size).transpose(1, 2)

            q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
            scores = (q @ k.transpose(-1, -2)) / size**0.5 + hidden
            context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, DIMENSIONS)
            x = self.norm1(x + self.out(context))
            up = nn.functional.gelu(self.up(x), approximate="tanh")
            return self.norm2(x + self.down(up))

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.words = nn.Embedding(30522, DIMENSIONS)
            self.positions = nn.Embedding(
                weights["embeddings.position_embeddings.weight"].shape[0], DIMENSIONS
            )
            self.kind = nn.Parameter(torch.zeros(DIMENSIONS))
            self.norm = nn.LayerNorm(DIMENSIONS, eps=1e-12)
            self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))

        def forward(self, ids: Any, mask: Any) -> Any:
            n = ids.shape[1]
            x = self.words(ids) + self.positions.weight[:n] + self.kind
            x = self.norm(x)
            hidden = ((mask - 1.0) * 1e4)[:, None, None, :]
            for layer in self.layers:
                x = layer(x, hidden)
            pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True)
            return nn.functional.normalize(pooled, dim=-1)

    model = Encoder()
    t = {k: torch.tensor(v.astype("float32")) for k, v in weights.items()}
    with torch.no_grad():
        model.words.weight.copy_(t["embeddings.word_embeddings.weight"])
        model.positions.weight.copy_(t["embeddings.position_embeddings.weight"])
        model.kind.copy_(t["embeddings.token_type_embeddings.weight"][0])
        model.norm.weight.copy_(t["embeddings.LayerNorm.weight"])
        model.norm.bias.copy_(t["embeddings.LayerNorm.bias"])
        for i, layer in enumerate(model.layers):
            for ours, theirs in _layer_names(i):
                getattr(layer, ours[0]).__getattr__(ours[1]).copy_(t[theirs])
    return model


def _layer_names(i: int) -> list[tuple[tuple[str, str], str]]:
    p, a = f"encoder.layer.{i}.", f"encoder.layer.{i}.attention."
    names = {
        "query": a + "self.query", "key": a + "self.key", "value": a + "self.value",
        "out": a + "output.dense", "norm1": a + "output.LayerNorm",
        "up": p + "intermediate.dense", "down": p + "output.dense", "norm2": p + "output.LayerNorm",
    }  # fmt: skip
    return [
        ((ours, part), f"{theirs}.{part}")
        for ours, theirs in names.items()
        for part in ("weight", "bias")
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    import numpy as np
    import torch
    from safetensors.numpy import load_file, save_file
    from tokenizers import Tokenizer

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    weights = load_file(str(args.base / "model.safetensors"))
    tokenizer = Tokenizer.from_file(str(args.base / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    model = build(weights)
    model.words.weight.requires_grad_(False)  # words unseen in the banks keep their place

    found = banks()
    heads = torch.nn.Parameter(torch.zeros(len(found), DIMENSIONS))
    biases = torch.nn.Parameter(torch.zeros(len(found)))
    examples = []
    for b, (name, fire, passing) in enumerate(found):
        # Each side of a bank weighs the same, and each bank the same.
        for texts, label in ((fire, 1.0), (passing, 0.0)):
            weight = 1.0 / (2 * len(texts))
            examples += [(t, b, label, weight) for t in texts]
        print(f"{name}: {len(fire)} fire, {len(passing)} pass")
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(
        [{"params": params, "lr": args.lr}, {"params": [heads, biases], "lr": 1e-2}],
        weight_decay=0.01,
    )
    scale = 20.0  # unit vectors: a temperature so a head can reach confident scores
    for epoch in range(args.epochs):
        random.shuffle(examples)
        total, steps = 0.0, 0
        for start in range(0, len(examples), args.batch):
            chunk = examples[start : start + args.batch]
            enc = tokenizer.encode_batch([t for t, *_ in chunk])
            ids = torch.tensor([e.ids for e in enc])
            mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.float32)
            vectors = model(ids, mask)
            bank = torch.tensor([b for _, b, _, _ in chunk])
            label = torch.tensor([y for _, _, y, _ in chunk])
            weight = torch.tensor([w for *_, w in chunk])
            logits = (vectors * scale * heads[bank]).sum(-1) + biases[bank]
            bce = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, label, reduction="none"
            )
            loss = (bce * weight).sum() / weight.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, steps = total + loss.item(), steps + 1
        print(f"epoch {epoch + 1}: loss {total / steps:.4f}")

    out = dict(weights)
    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    out["embeddings.position_embeddings.weight"] = state["positions.weight"]
    out["embeddings.LayerNorm.weight"] = state["norm.weight"]
    out["embeddings.LayerNorm.bias"] = state["norm.bias"]
    types = weights["embeddings.token_type_embeddings.weight"].astype(np.float32).copy()
    types[0] = state["kind"]
    out["embeddings.token_type_embeddings.weight"] = types
    for i in range(LAYERS):
        for (ours, part), theirs in _layer_names(i):
            out[theirs] = state[f"layers.{i}.{ours}.{part}"]
    args.out.mkdir(parents=True, exist_ok=True)
    save_file(
        {k: np.ascontiguousarray(v).astype(np.float16) for k, v in out.items()},
        str(args.out / "model.safetensors"),
    )
    if (args.out / "tokenizer.json").resolve() != (args.base / "tokenizer.json").resolve():
        shutil.copy(args.base / "tokenizer.json", args.out / "tokenizer.json")
    print(f"wrote {args.out / 'model.safetensors'}")


if __name__ == "__main__":
    main()
