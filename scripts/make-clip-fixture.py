#!/usr/bin/python3
"""CLIP-shaped TorchScript models for StyleAtlas, written with Debian's python3-torch 1.13.

The architecture is OpenAI CLIP's ViT variant (same parameter names as OpenAI's state dicts), built
from basic ops only, so that files saved by torch 1.13 load and back-propagate in libtorch 2.5.1 (DJL).

  make-clip-fixture.py
      Rewrites the committed test fixtures (random weights, well under 5 MB each):
        clip-fixture-openai.pt  methods encode_image, encode_text, encode_image_tokens (OpenAI layout)
        clip-fixture-hf.pt      methods get_image_features, get_text_features (Hugging Face layout)
        clip-fixture-expected.json  reference outputs for the round-trip test
  make-clip-fixture.py --vit-b32 OUT.pt
      Writes only a ViT-B/32-shaped model with random weights (about 600 MB; for benchmarks, never
      committed).
  make-clip-fixture.py --bench FILE [--batch N]
      Times encode_image forward + backward on FILE in Python, the side-by-side baseline of
      'styleatlas clip bench'.
  make-clip-fixture.py --convert-openai IN.pt OUT.pt
      Rebuilds one of OpenAI's released JIT archives (ViT-B-32.pt, ViT-L-14.pt; fp16, traced on CUDA)
      as an fp32, device-free TorchScript file with the OpenAI method names, loadable on CPU.
"""
import argparse
import json
import math
import os
from collections import OrderedDict
from typing import Optional

import torch
from torch import nn

FIXTURE_DIR = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "engine", "src", "test", "resources",
    "org", "styleatlas", "engine", "clipmodel")
CONTEXT_LENGTH = 77
CLIP_VOCAB = 49408
# "a photo of a cat" tokenized by CLIP's tokenizer (OpenAI's README, clip.tokenize).
CAT_TOKENS = [49406, 320, 1125, 539, 320, 2368, 49407]


class QuickGELU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(1.702 * x)


class Attention(nn.Module):
    """Multi-head self-attention with nn.MultiheadAttention's parameter names, from basic ops."""

    def __init__(self, width: int, heads: int):
        super().__init__()
        self.heads = heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * width, width))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * width))
        self.out_proj = nn.Linear(width, width)
        nn.init.normal_(self.in_proj_weight, std=width ** -0.5)

    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor]) -> torch.Tensor:
        # x: [L, N, D] as in OpenAI's code
        length, batch, width = x.shape
        head_dim = width // self.heads
        qkv = torch.nn.functional.linear(x, self.in_proj_weight, self.in_proj_bias)
        q, k, v = qkv.chunk(3, dim=-1)
        q = q.reshape(length, batch * self.heads, head_dim).transpose(0, 1)
        k = k.reshape(length, batch * self.heads, head_dim).transpose(0, 1)
        v = v.reshape(length, batch * self.heads, head_dim).transpose(0, 1)
        scores = torch.bmm(q, k.transpose(1, 2)) / math.sqrt(head_dim)
        if mask is not None:
            scores = scores + mask
        out = torch.bmm(torch.softmax(scores, dim=-1), v)
        out = out.transpose(0, 1).reshape(length, batch, width)
        return self.out_proj(out)


class ResidualAttentionBlock(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = Attention(width, heads)
        self.ln_1 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(OrderedDict([
            ("c_fc", nn.Linear(width, width * 4)),
            ("gelu", QuickGELU()),
            ("c_proj", nn.Linear(width * 4, width)),
        ]))
        self.ln_2 = nn.LayerNorm(width)

    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor]) -> torch.Tensor:
        x = x + self.attn(self.ln_1(x), mask)
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    def __init__(self, width: int, layers: int, heads: int):
        super().__init__()
        self.resblocks = nn.ModuleList([ResidualAttentionBlock(width, heads) for _ in range(layers)])

    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor]) -> torch.Tensor:
        for block in self.resblocks:
            x = block(x, mask)
        return x


class VisionTransformer(nn.Module):
    def __init__(self, resolution: int, patch: int, width: int, layers: int, heads: int, output_dim: int):
        super().__init__()
        scale = width ** -0.5
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch, stride=patch, bias=False)
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn((resolution // patch) ** 2 + 1, width))
        self.ln_pre = nn.LayerNorm(width)
        self.transformer = Transformer(width, layers, heads)
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, output_dim))

    def tokens(self, x: torch.Tensor) -> torch.Tensor:
        """[N, 3, R, R] -> [N, 1 + (R/patch)^2, width], after ln_post; token 0 is the class token."""
        x = self.conv1(x)
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)
        cls = self.class_embedding.to(x.dtype) + torch.zeros(x.shape[0], 1, x.shape[-1], dtype=x.dtype, device=x.device)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding.to(x.dtype)
        x = self.ln_pre(x).permute(1, 0, 2)
        x = self.transformer(x, None).permute(1, 0, 2)
        return self.ln_post(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.tokens(x)[:, 0, :] @ self.proj


class Clip(nn.Module):
    """OpenAI CLIP (ViT image tower), methods encode_image, encode_text, encode_image_tokens."""

    def __init__(self, embed_dim: int, resolution: int, vision_layers: int, vision_width: int, patch: int,
                 vocab_size: int, text_width: int, text_heads: int, text_layers: int):
        super().__init__()
        self.visual = VisionTransformer(resolution, patch, vision_width, vision_layers,
                                        max(1, vision_width // 64), embed_dim)
        self.vocab_size = vocab_size
        self.transformer = Transformer(text_width, text_layers, text_heads)
        self.token_embedding = nn.Embedding(vocab_size, text_width)
        self.positional_embedding = nn.Parameter(torch.empty(CONTEXT_LENGTH, text_width))
        self.ln_final = nn.LayerNorm(text_width)
        self.text_projection = nn.Parameter(torch.empty(text_width, embed_dim))
        self.logit_scale = nn.Parameter(torch.ones([]) * math.log(1 / 0.07))
        self.register_buffer("causal_mask", torch.full((CONTEXT_LENGTH, CONTEXT_LENGTH), float("-inf")).triu_(1),
                             persistent=False)
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        nn.init.normal_(self.positional_embedding, std=0.01)
        nn.init.normal_(self.text_projection, std=text_width ** -0.5)

    @torch.jit.export
    def encode_image(self, image: torch.Tensor) -> torch.Tensor:
        """[N, 3, R, R] CLIP-normalised -> [N, embed_dim], not normalised."""
        return self.visual(image)

    @torch.jit.export
    def encode_image_tokens(self, image: torch.Tensor) -> torch.Tensor:
        """[N, 3, R, R] -> [N, 1 + grid^2, vision_width] ViT tokens after ln_post (token 0: class)."""
        return self.visual.tokens(image)

    @torch.jit.export
    def encode_text(self, text: torch.Tensor) -> torch.Tensor:
        """[N, 77] int64 token ids -> [N, embed_dim], read at the end token (the largest id)."""
        # Identity for a full vocabulary; folds ids into the tiny fixture's smaller table.
        x = self.token_embedding(torch.remainder(text, self.vocab_size)) + self.positional_embedding
        x = self.transformer(x.permute(1, 0, 2), self.causal_mask.to(x.dtype)).permute(1, 0, 2)
        x = self.ln_final(x)
        return x[torch.arange(x.shape[0]), text.argmax(dim=-1)] @ self.text_projection

    def forward(self, image: torch.Tensor, text: torch.Tensor):
        image_features = self.encode_image(image)
        text_features = self.encode_text(text)
        image_features = image_features / image_features.norm(p=2, dim=1, keepdim=True)
        text_features = text_features / text_features.norm(p=2, dim=1, keepdim=True)
        logits_per_image = self.logit_scale.exp() * image_features @ text_features.t()
        return logits_per_image, logits_per_image.t()


class HuggingFaceLayout(nn.Module):
    """The same model behind the method names of a traced Hugging Face CLIPModel."""

    def __init__(self, clip: Clip):
        super().__init__()
        self.clip = clip

    @torch.jit.export
    def get_image_features(self, pixel_values: torch.Tensor) -> torch.Tensor:
        return self.clip.encode_image(pixel_values)

    @torch.jit.export
    def get_text_features(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.clip.encode_text(input_ids)

    def forward(self, input_ids: torch.Tensor, pixel_values: torch.Tensor):
        return self.clip(pixel_values, input_ids)


def tiny_clip() -> Clip:
    return Clip(embed_dim=32, resolution=224, vision_layers=2, vision_width=32, patch=32,
                vocab_size=1024, text_width=32, text_heads=2, text_layers=2)


def vit_b32_clip() -> Clip:
    return Clip(embed_dim=512, resolution=224, vision_layers=12, vision_width=768, patch=32,
                vocab_size=CLIP_VOCAB, text_width=512, text_heads=8, text_layers=12)


def reference_image() -> torch.Tensor:
    """[1, 3, 224, 224]: (i mod 251) / 250 - 0.5 over the flat index i; exact in float32 everywhere."""
    return (torch.arange(3 * 224 * 224) % 251).float().div(250.0).sub(0.5).reshape(1, 3, 224, 224)


def reference_text() -> torch.Tensor:
    ids = torch.zeros(1, CONTEXT_LENGTH, dtype=torch.long)
    ids[0, :len(CAT_TOKENS)] = torch.tensor(CAT_TOKENS)
    return ids


def unit(x: torch.Tensor):
    return (x / x.norm(dim=-1, keepdim=True))[0].tolist()


def write_fixtures():
    torch.manual_seed(0)
    model = tiny_clip().eval()
    for p in model.parameters():
        p.requires_grad_(False)
    scripted = torch.jit.script(model)
    scripted.save(os.path.join(FIXTURE_DIR, "clip-fixture-openai.pt"))
    torch.jit.script(HuggingFaceLayout(model).eval()).save(os.path.join(FIXTURE_DIR, "clip-fixture-hf.pt"))
    with torch.no_grad():
        image = model.encode_image(reference_image())
        text = model.encode_text(reference_text())
        tokens = model.encode_image_tokens(reference_image())
    expected = {
        "comment": "Outputs of clip-fixture-*.pt, written by scripts/make-clip-fixture.py (torch "
                   + torch.__version__ + ").",
        "image": "(i mod 251) / 250 - 0.5 over the flat index of a [1,3,224,224] tensor",
        "textTokens": CAT_TOKENS,
        "embeddingDim": 32,
        "imageTokensShape": list(tokens.shape),
        "unitImageEmbedding": unit(image),
        "unitTextEmbedding": unit(text),
    }
    with open(os.path.join(FIXTURE_DIR, "clip-fixture-expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


def write_vit_b32(out: str):
    torch.manual_seed(0)
    model = vit_b32_clip().eval()
    torch.jit.script(model).save(out)


def bench(path: str, batch: int, runs: int):
    """Median seconds of one encode_image forward + backward on [batch, 3, 224, 224], frozen weights."""
    import statistics
    import time
    model = torch.jit.load(path, map_location="cpu").eval()
    for p in model.parameters():
        p.requires_grad_(False)
    times = []
    for i in range(runs + 1):
        images = torch.randn(batch, 3, 224, 224, requires_grad=True)
        start = time.perf_counter()
        features = model.encode_image(images)
        (features / features.norm(p=2, dim=1, keepdim=True)).sum().backward()
        if i > 0:
            times.append(time.perf_counter() - start)
    print("python torch %s, %d threads: batch %d, median %.3f s per forward+backward (runs %s)" % (
        torch.__version__, torch.get_num_threads(), batch, statistics.median(times),
        " ".join("%.3f" % t for t in times)))


def convert_openai(archive: str, out: str):
    """Mirrors OpenAI's clip.model.build_model for ViT archives, in fp32 and without device constants."""
    state = torch.jit.load(archive, map_location="cpu").state_dict()
    for key in ("input_resolution", "context_length", "vocab_size", "causal_mask"):
        state.pop(key, None)
    vision_width = state["visual.conv1.weight"].shape[0]
    vision_layers = len({k.split(".")[3] for k in state
                         if k.startswith("visual.transformer.resblocks.") and k.endswith(".attn.in_proj_weight")})
    patch = state["visual.conv1.weight"].shape[-1]
    grid = round((state["visual.positional_embedding"].shape[0] - 1) ** 0.5)
    text_width = state["ln_final.weight"].shape[0]
    model = Clip(embed_dim=state["text_projection"].shape[1], resolution=patch * grid,
                 vision_layers=vision_layers, vision_width=vision_width, patch=patch,
                 vocab_size=state["token_embedding.weight"].shape[0], text_width=text_width,
                 text_heads=text_width // 64,
                 text_layers=len({k.split(".")[2] for k in state if k.startswith("transformer.resblocks.")}))
    model.load_state_dict({k: v.float() for k, v in state.items()})
    torch.jit.script(model.float().eval()).save(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vit-b32", metavar="OUT", help="write a ViT-B/32-shaped random model here, and nothing else")
    parser.add_argument("--bench", metavar="FILE", help="time encode_image forward + backward on FILE")
    parser.add_argument("--batch", type=int, default=8, help="views per step for --bench (default 8)")
    parser.add_argument("--runs", type=int, default=5, help="timed steps for --bench (default 5)")
    parser.add_argument("--convert-openai", nargs=2, metavar=("IN", "OUT"),
                        help="convert an OpenAI JIT archive to fp32 TorchScript, and do nothing else")
    args = parser.parse_args()
    if args.convert_openai:
        convert_openai(*args.convert_openai)
        return
    if args.vit_b32:
        write_vit_b32(args.vit_b32)
        return
    if args.bench:
        bench(args.bench, args.batch, args.runs)
        return
    write_fixtures()


if __name__ == "__main__":
    main()
