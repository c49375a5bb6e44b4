#!/usr/bin/env python3
"""Build newsie's AI-model gazetteer, ``gazetteers/models.tsv``.

Usage (from anywhere; paths are found from this file's place in the repo)::

    python3 scripts/gazetteers/build_models.py            # write gazetteers/models.tsv
    python3 scripts/gazetteers/build_models.py --check    # exit 1 if the file would change
    python3 scripts/gazetteers/build_models.py --verbose  # also list skipped source rows, notes

Python 3 standard library only. The output depends only on the three input
files (no clock, no network, no dict-order or locale effects), so running the
script twice gives byte-identical output.

Inputs
------
* ``gazetteers/curated/models.tsv`` -- the hand-curated rows (CC0). They come
  first and always win: canonical names, aliases, developer, family, version,
  dates and the ``case``/``context`` matching rules are taken from here.
* ``$NEWSIE_SHARED/corpora/reference/epoch_ai_notable_ai_models_2026-01.csv.gz``
  -- Epoch AI "Notable AI Models" (CC BY 4.0, attribution required).
* ``$NEWSIE_SHARED/corpora/reference/litellm_model_prices_and_context_window_v1.110.2.json.gz``
  -- the LiteLLM model registry (MIT, Copyright (c) 2023 Berri AI).

``NEWSIE_SHARED`` defaults to ``../shared`` relative to the repository root.

Steps
-----
1. **Curated rows.** Read the curated TSV (``#`` lines are comments; columns
   by header name). Every row becomes an output row with ``source=curated``.
   A version of ``-`` means "no version"; an empty version is derived in
   step 5.

2. **Epoch AI rows.** Read the CSV and keep rows published on or after
   2017-01-01. For each:

   a. Clean the name: collapse whitespace; apply ``EPOCH_RENAME`` (an exact
      Epoch name -> the name news writes, or ``None`` to skip the row, e.g.
      ``"GPT-3 175B (davinci)" -> "GPT-3"``, ``"DALL·E 3"`` stays and is
      matched through its key); otherwise drop a trailing snapshot marker
      such as ``(Mar 2025)``, ``(preview)`` or ``(0520)``. A name that still
      holds a parenthesis is a research configuration, not a product name:
      skip.
   b. Map the developer: the first organisation in Epoch's comma-separated
      list that ``ORG_MAP`` knows gives the company id. Rows whose
      organisations are all unknown (universities, small labs) are skipped
      unless ``EPOCH_ACCEPT`` names them with a developer.
   c. If the name matches a row we already have (same *match key*: lower
      case, ``+`` read as ``plus``, spaces, hyphens, underscores, ``·`` and
      brackets removed -- so ``Llama 3.1-405B`` finds ``Llama-3.1-405B``),
      the row only gains Epoch's publication date when it has none (curated
      dates win; with several Epoch rows for one model, the earliest date).
   d. Otherwise a new row (``source=epoch``) is made only when the name is a
      product name: listed in ``EPOCH_ACCEPT`` (standalone names such as
      ``AlphaProteo``, with their family), or matching a ``FAMILY_RULES``
      pattern whose developer agrees with Epoch's organisation (``Qwen2-72B``
      by Alibaba: yes; ``GPT-2 Medium (FlashAttention)`` by Stanford: no).
      Everything else (benchmarks configurations, ``AWD-LSTM`` variants,
      robotics demos, ...) is skipped.

3. **LiteLLM rows.** Read the JSON registry; for every model id (sorted):

   a. Skip modes nobody writes about as a model (embedding, rerank,
      moderation, search, guardrails, ...).
   b. Keep only *first-party* entries: the provider (``litellm_provider``)
      must be the model's own developer (``PROVIDER_DEV``: ``openai`` ->
      openai, ``dashscope`` -> alibaba, ``zai`` -> zhipu-ai, Bedrock ids
      starting ``amazon.`` -> amazon, ...). Resellers and cloud hosts
      (Azure, Bedrock, Together, Fireworks, OpenRouter-like gateways) repeat
      the same models under their own spellings and add fine-tunes.
   c. Normalise the id: last path segment, lower case, ``_`` -> ``-``, drop
      region prefixes (``us.``), vendor prefixes (``amazon.``), ``:0``,
      ``@001`` and dated snapshot suffixes (``-2024-08-06``, ``-20250514``,
      ``-0613``, ``-2512``, ``-260215``, ``-03-2025``), ``-latest``,
      ``-preview``, ``-instruct``, ``-it``, context sizes (``-128k``).
   d. Rewrite the id as the name the developer writes, with the family's
      ``prettify`` rule (``claude-opus-4-1`` -> ``Claude Opus 4.1``,
      ``gpt-4.1-mini`` -> ``GPT-4.1 mini``, ``qwen3-coder-plus`` ->
      ``Qwen3-Coder-Plus``, ``command-r-plus`` -> ``Command R+``). Ids a
      rule does not recognise (code names, audio/TTS/realtime variants,
      fine-tune ids) give no row; ``LITELLM_NAMES`` maps irregular ids.
   e. Merge with an existing row by match key (no field changes: LiteLLM
      has no release dates), or add a new row with ``source=litellm``.

4. **Matching rules for generated rows.** Rows from Epoch or LiteLLM get no
   aliases of their own; families whose names are ordinary words (``Nova``,
   ``Sonar``, ``Mercury``, ...) give their new rows ``case=exact`` and
   ``context=required`` (``GENERATED_FLAGS``).

   **Capitalised tiers (all rows).** The loader matches a name in any case
   except its word-initial letters, which must be as written. Developers
   write some tier words in lower case (``GPT-4o mini``, ``o3-mini``,
   ``Doubao-1.5-pro``) while news capitalises them (``GPT-4o Mini``), so a
   name with a lower-case tier word (``TIER_WORDS``) after a space or hyphen
   also gets the capitalised form as an alias. This is the only case
   variant the script adds.

5. **Derived fields.** ``id`` of generated rows: a slug of the canonical name
   (``Qwen3-Coder-Plus`` -> ``qwen3-coder-plus``, ``Command R+`` ->
   ``command-r-plus``). ``version`` where empty: the first version-like token
   after the family name (``GPT-4o mini`` -> ``4o``, ``DeepSeek-V3.2`` ->
   ``V3.2``, ``Claude Opus 4.5`` -> ``4.5``), never a size (``70B``).
   ``type`` is always ``model``.

6. **Validation** (any failure: message on stderr, exit status 2, nothing
   written): the header; required fields (id, canonical, type, developer,
   family, source); ids are lowercase slugs and unique; ``case``,
   ``context``, ``released`` take only their allowed values; no name holds a
   tab, a ``|`` or a line break; no two rows share a name -- canonical names
   and aliases compared case-insensitively and also with the spaces/hyphens
   between letters and digits removed (the loader's spelling variants),
   and by match key; the 62 ids of the first starter list still exist with
   their canonical names (``LEGACY``); no model id equals a developer id or a
   company id of ``gazetteers/companies.tsv``, and no model name equals a
   company name there (the loader would reject both). A model name that
   differs from a company name only in case or spacing (``PaLM`` / ``Palm``)
   is reported as a warning.

7. **Output.** Rows sorted by developer, family, release date, id; ``#``
   header lines name the sources and licences. ``--check`` compares with the
   file on disk instead of writing it and exits 1 when it would change.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CURATED = REPO / "gazetteers" / "curated" / "models.tsv"
OUTPUT = REPO / "gazetteers" / "models.tsv"
COMPANIES = REPO / "gazetteers" / "companies.tsv"
EPOCH_FILE = "corpora/reference/epoch_ai_notable_ai_models_2026-01.csv.gz"
LITELLM_FILE = "corpora/reference/litellm_model_prices_and_context_window_v1.110.2.json.gz"

COLUMNS = ["id", "canonical", "type", "aliases", "developer", "family",
           "version", "released", "case", "context", "source"]
CURATED_COLUMNS = ["id", "canonical", "aliases", "developer", "family",
                   "version", "released", "case", "context"]
EPOCH_MIN_DATE = "2017-01-01"

# The 62 rows of the starter list (ids are used in records: never rename).
LEGACY = {
    "qwen": "Qwen", "qwen-2": "Qwen 2", "qwen-2.5": "Qwen 2.5",
    "qwen-2.5-max": "Qwen 2.5-Max", "qwen-2.5-vl": "Qwen 2.5-VL", "qwen-3": "Qwen3",
    "qwq-32b": "QwQ-32B", "deepseek-v2": "DeepSeek-V2", "deepseek-v2.5": "DeepSeek-V2.5",
    "deepseek-v3": "DeepSeek-V3", "deepseek-r1": "DeepSeek-R1",
    "deepseek-coder": "DeepSeek Coder", "chatgpt": "ChatGPT", "gpt-3.5": "GPT-3.5",
    "gpt-3.5-turbo": "GPT-3.5 Turbo", "gpt-4": "GPT-4", "gpt-4-turbo": "GPT-4 Turbo",
    "gpt-4o": "GPT-4o", "gpt-4o-mini": "GPT-4o mini", "gpt-4.5": "GPT-4.5", "gpt-5": "GPT-5",
    "o1": "o1", "o1-mini": "o1-mini", "o3": "o3", "o3-mini": "o3-mini",
    "dall-e-3": "DALL-E 3", "llama": "Llama", "llama-2": "Llama 2", "llama-3": "Llama 3",
    "llama-3.1": "Llama 3.1", "llama-3.1-405b": "Llama-3.1-405B", "llama-3.2": "Llama 3.2",
    "llama-3.3": "Llama 3.3", "llama-4": "Llama 4", "claude-3-opus": "Claude 3 Opus",
    "claude-3.5-sonnet": "Claude 3.5 Sonnet", "claude-3.7-sonnet": "Claude 3.7 Sonnet",
    "claude-sonnet-4": "Claude Sonnet 4", "claude-opus-4": "Claude Opus 4",
    "gemini-1.5-pro": "Gemini 1.5 Pro", "gemini-2.0-flash": "Gemini 2.0 Flash",
    "gemini-2.5-pro": "Gemini 2.5 Pro", "gemma-2": "Gemma 2", "gemma-3": "Gemma 3",
    "phi-3": "Phi-3", "phi-4": "Phi-4", "mistral-large": "Mistral Large",
    "mixtral-8x7b": "Mixtral 8x7B", "grok-2": "Grok-2", "grok-3": "Grok 3",
    "grok-4": "Grok 4", "doubao": "Doubao", "doubao-1.5-pro": "Doubao-1.5-pro",
    "ernie-bot": "Ernie Bot", "ernie-4.0": "ERNIE 4.0", "ernie-4.5": "ERNIE 4.5",
    "hunyuan": "Hunyuan", "kimi-k1.5": "Kimi k1.5", "kimi-k2": "Kimi K2", "glm-4": "GLM-4",
    "yi-34b": "Yi-34B", "stable-diffusion": "Stable Diffusion",
}

# --------------------------------------------------------------------------
# Shared tables
# --------------------------------------------------------------------------

# Families as they start a written name -> (family, developer). Used to accept
# Epoch rows and to check developers. Order matters: first match wins.
FAMILY_RULES: list[tuple[str, str, str]] = [
    (r"^gpt-oss", "gpt-oss", "openai"),
    (r"^gpt-image", "gpt-image", "openai"),
    (r"^GPT-\d", "GPT", "openai"),
    (r"^GPT-Ne", "GPT-Neo", "eleutherai"),
    (r"^o\d(-|$)", "o-series", "openai"),
    (r"^DALL[-·]E", "DALL-E", "openai"),
    (r"^Sora\b", "Sora", "openai"),
    (r"^Claude\b", "Claude", "anthropic"),
    (r"^Gemini\b", "Gemini", "google"),
    (r"^Gemma\b", "Gemma", "google"),
    (r"^(Med-)?PaLM\b", "PaLM", "google"),
    (r"^Imagen\b", "Imagen", "google"),
    (r"^Veo\b", "Veo", "google"),
    (r"^Lyria\b", "Lyria", "google"),
    (r"^AlphaFold\b", "AlphaFold", "google-deepmind"),
    (r"^(Llama|LLaMA)\b", "Llama", "meta"),
    (r"^(Qwen|QwQ|QVQ)", "Qwen", "alibaba"),
    (r"^Wan ?\d", "Wan", "alibaba"),
    (r"^DeepSeek", "DeepSeek", "deepseek"),
    (r"^Mixtral\b", "Mixtral", "mistral-ai"),
    (r"^Mistral\b", "Mistral", "mistral-ai"),
    (r"^Codestral\b", "Codestral", "mistral-ai"),
    (r"^Pixtral\b", "Pixtral", "mistral-ai"),
    (r"^Ministral\b", "Ministral", "mistral-ai"),
    (r"^Magistral\b", "Magistral", "mistral-ai"),
    (r"^Devstral\b", "Devstral", "mistral-ai"),
    (r"^Voxtral\b", "Voxtral", "mistral-ai"),
    (r"^Mathstral\b", "Mathstral", "mistral-ai"),
    (r"^Grok\b", "Grok", "xai"),
    (r"^Kimi\b", "Kimi", "moonshot-ai"),
    (r"^ChatGLM", "ChatGLM", "zhipu-ai"),
    (r"^GLM-", "GLM", "zhipu-ai"),
    (r"^(ERNIE|Ernie)\b", "ERNIE", "baidu"),
    (r"^Hunyuan", "Hunyuan", "tencent"),
    (r"^Doubao\b", "Doubao", "bytedance"),
    (r"^Seedream\b", "Seedream", "bytedance"),
    (r"^Seedance\b", "Seedance", "bytedance"),
    (r"^SeedEdit\b", "SeedEdit", "bytedance"),
    (r"^Seed[-\d]", "Seed", "bytedance"),
    (r"^Yi-", "Yi", "01-ai"),
    (r"^Baichuan\b", "Baichuan", "baichuan"),
    (r"^MiniMax-", "MiniMax", "minimax"),
    (r"^Step-", "Step", "stepfun"),
    (r"^Phi-", "Phi", "microsoft"),
    (r"^Command\b", "Command", "cohere"),
    (r"^Aya\b", "Aya", "cohere"),
    (r"^Jamba\b", "Jamba", "ai21-labs"),
    (r"^Jurassic\b", "Jurassic", "ai21-labs"),
    (r"^Nova\b", "Nova", "amazon"),
    (r"^Titan\b", "Titan", "amazon"),
    (r"^Granite\b", "Granite", "ibm"),
    (r"^Nemotron\b", "Nemotron", "nvidia"),
    (r"^StyleGAN", "StyleGAN", "nvidia"),
    (r"^Falcon\b", "Falcon", "tii"),
    (r"^BLOOM\b", "BLOOM", "hugging-face"),
    (r"^StarCoder", "StarCoder", "hugging-face"),
    (r"^(Stable Diffusion|SDXL)\b", "Stable Diffusion", "stability-ai"),
    (r"^Stable Image\b", "Stable Image", "stability-ai"),
    (r"^FLUX", "FLUX", "black-forest-labs"),
    (r"^Gen-\d", "Gen", "runway"),
    (r"^K?-?EXAONE\b", "EXAONE", "lg-ai-research"),
    (r"^HyperCLOVA\b", "HyperCLOVA", "naver"),
    (r"^(Pangu|PanGu)\b", "Pangu", "huawei"),
    (r"^(Olmo|OLMo)\b", "OLMo", "allen-institute-for-ai"),
    (r"^Solar\b", "Solar", "upstage"),
    (r"^Inflection-", "Inflection", "inflection-ai"),
    (r"^Reka\b", "Reka", "reka"),
    (r"^Palmyra\b", "Palmyra", "writer"),
    (r"^Suno\b", "Suno", "suno"),
    (r"^Midjourney\b", "Midjourney", "midjourney"),
    (r"^Sonar\b", "Sonar", "perplexity"),
    (r"^MiMo\b", "MiMo", "xiaomi"),
    (r"^Kling\b", "Kling", "kuaishou"),
    (r"^SenseChat\b", "SenseChat", "sensetime"),
    (r"^SenseNova\b", "SenseNova", "sensetime"),
    (r"^GigaChat\b", "GigaChat", "sberbank"),
    (r"^Mercury\b", "Mercury", "inception-labs"),
    (r"^LongCat\b", "LongCat", "meituan"),
    (r"^Ling-", "Ling", "ant-group"),
    (r"^Eleven\b", "Eleven", "elevenlabs"),
    (r"^Sarvam\b", "Sarvam", "sarvam-ai"),
]
FAMILY_RULES_RE = [(re.compile(p), f, d) for p, f, d in FAMILY_RULES]

# Developers that count as the same organisation when Epoch and a family rule
# disagree (Epoch credits most Gemini models to "Google DeepMind").
DEVELOPER_GROUPS = [{"google", "google-deepmind", "alphabet"}]

# New rows (from Epoch or LiteLLM) of these families get these matching rules
# (the names are ordinary words): family -> (case, context).
GENERATED_FLAGS = {
    "Nova": ("exact", "required"),
    "Sonar": ("exact", "required"),
    "Mercury": ("exact", "required"),
    "Step": ("exact", "required"),
    "Titan": ("exact", ""),
    "Veo": ("exact", ""),
    "Wan": ("exact", ""),
    "Solar": ("exact", "required"),
    "RoBERTa": ("exact", ""),       # Roberta, a first name
    "Make-A-Video": ("exact", ""),  # "make a video"
    "Movie Gen": ("exact", ""),     # "movie gen"
}

# Lower-case tier words that news writes capitalised (step 4).
TIER_WORDS = {"mini", "nano", "pro", "max", "plus", "turbo", "lite", "flash",
              "preview", "small", "medium", "large"}

# --------------------------------------------------------------------------
# Epoch AI tables
# --------------------------------------------------------------------------

# Epoch organisation -> company id. Unknown organisations map to nothing.
ORG_MAP = {
    "OpenAI": "openai", "Anthropic": "anthropic",
    "Google": "google", "Google Research": "google", "Google Brain": "google",
    "Google AI": "google", "Google Cloud": "google",
    "Google DeepMind": "google-deepmind", "DeepMind": "google-deepmind",
    "Meta AI": "meta", "Facebook": "meta", "Facebook AI Research": "meta", "Facebook AI": "meta",
    "Microsoft": "microsoft", "Microsoft Research": "microsoft",
    "Microsoft Research Asia": "microsoft",
    "NVIDIA": "nvidia", "Alibaba": "alibaba", "Alibaba DAMO Academy": "alibaba",
    "DeepSeek": "deepseek", "ByteDance": "bytedance", "Baidu": "baidu", "Tencent": "tencent",
    "Moonshot": "moonshot-ai", "Z.ai (Zhipu AI)": "zhipu-ai", "MiniMax": "minimax",
    "StepFun": "stepfun", "Baichuan": "baichuan", "01.AI": "01-ai", "iFlytek": "iflytek",
    "SenseTime": "sensetime", "Huawei": "huawei", "Huawei Noah's Ark Lab": "huawei",
    "Xiaomi": "xiaomi", "Kuaishou": "kuaishou", "Samsung": "samsung", "IBM": "ibm",
    "Salesforce": "salesforce", "Salesforce Research": "salesforce",
    "Cohere": "cohere", "Cohere for AI": "cohere", "Hugging Face": "hugging-face",
    "Stability AI": "stability-ai", "xAI": "xai", "Mistral AI": "mistral-ai",
    "Amazon": "amazon", "Apple": "apple", "AI21 Labs": "ai21-labs",
    "Technology Innovation Institute": "tii", "Databricks": "databricks",
    "Inflection AI": "inflection-ai", "Reka AI": "reka",
    "Allen Institute for AI": "allen-institute-for-ai",
    "Allen Institute for AI (Ai2)": "allen-institute-for-ai",
    "Upstage": "upstage", "NAVER": "naver", "LG AI Research": "lg-ai-research", "LG": "lg",
    "Writer": "writer", "Perplexity": "perplexity", "Runway": "runway",
    "Midjourney": "midjourney", "Suno": "suno", "Adobe": "adobe",
    "Inception Labs": "inception-labs", "Meituan Inc": "meituan", "Ant Group": "ant-group",
    "Shanghai AI Lab": "shanghai-ai-lab", "Oppo Mobile Telecommunications": "oppo",
    "EvolutionaryScale": "evolutionaryscale", "Bloomberg": "bloomberg-lp",
    "EleutherAI": "eleutherai", "Inception G42": "g42",
    "Saudi Data and Artificial Intelligence Authority": "sdaia",
    "Beijing Academy of Artificial Intelligence / BAAI": "baai",
}

# Exact (whitespace-collapsed) Epoch name -> written name, or None to skip.
EPOCH_RENAME: dict[str, str | None] = {
    "GPT-3 175B (davinci)": "GPT-3",
    "GPT-2 (1.5B)": "GPT-2",
    "GPT-3.5 (davinci-002)": "GPT-3.5",
    "InstructGPT 175B": "InstructGPT",
    "CLIP (ViT L/14@336px)": "CLIP",
    "CLIP (ResNet-50)": "CLIP",
    "Sora 2.0": "Sora 2",
    "Gemini 2.5 Flash Image (Nano Banana)": "Gemini 2.5 Flash Image",
    "DeepSeek-R1 (May 2025)": "DeepSeek-R1-0528",
    "DeepSeek-Coder-V2 236B": "DeepSeek-Coder-V2",
    "Qwen3-235B-A22B-Thinking (Jul 2025)": "Qwen3-235B-A22B-Thinking-2507",
    "Qwen3-235B-A22B-Instruct (Jul 2025)": "Qwen3-235B-A22B-Instruct-2507",
    "Qwen Image": "Qwen-Image",
    "PaLM (540B)": "PaLM",
    "Gopher (280B)": "Gopher",
    "BERT-Large": "BERT",
    "T5-11B": "T5",
    "BLOOM-176B": "BLOOM",
    "Stable Diffusion XL (SDXL)": "Stable Diffusion XL",
    "Stable Diffusion (LDM-KL-8-G)": "Stable Diffusion",
    "Amazon Nova Pro": "Nova Pro",
    "Amazon Titan": "Titan",
    "MM1-30B": "MM1",
    "Ernie 4.0 Turbo": "ERNIE 4.0 Turbo",
    "EXAONE 4.0 (32B)": "EXAONE 4.0",
    "EXAONE Deep 32B": "EXAONE Deep",
    "EXAONE 3.5 32B": "EXAONE 3.5",
    "HyperCLOVA 204B": "HyperCLOVA",
    "Jurassic-1-Jumbo": "Jurassic-1",
    "GNoME for crystal discovery": "GNoME",
    "Movie Gen Video": "Movie Gen",
    "Megatron-Turing NLG 530B": "Megatron-Turing NLG",
    "Megatron-LM (8.3B)": "Megatron-LM",
    "StyleGAN3-T": "StyleGAN3",
    "Fugatto 1": "Fugatto",
    "ESM3 (98B)": "ESM3",
    "ALLaM adapted 70B": "ALLaM",
    "CogVLM-17B": "CogVLM",
    "RoBERTa Large": "RoBERTa",
    "Llama 3.1-405B": "Llama-3.1-405B",
    "GLM-4 (0520)": "GLM-4",
    "Falcon-40B": "Falcon 40B",
    "Falcon-180B": "Falcon 180B",
    # product families, but names nobody writes (embeddings, snapshots, sub-configs)
    "Qwen2.5 Instruct (72B)": None,
    "Qwen3 Embedding": None,
    "Qwen-Audio-Chat": None,
    "Gemini Embedding": None,
    "Gemini-Exp-1114": None,
    "Gemini Nano-1": None,
    "Gemini Nano-2": None,
    "Cohere Embed": None,
    "ERNIE-4.5-VL-424B-A47B (文心大模型4.5)": None,
    "EXAONE Path 2.0": None,
    "HyperCLOVA X SEED 32B Think": None,
    "Midjourney V1": None,  # the 2022 image model; "Midjourney V1" now means the 2025 video model
    "Kimi Explorer": None,
    "StyleGAN3-R": None,
    "Megatron-LM (1.2B)": None,
    "Megatron-BERT": None,
    "InstructGPT 6B": None,
    "InstructGPT 1.3B": None,
    "T5-3B": None,
    "OpenAI Five Rerun": None,
    "Nemotron-3-8B": None,  # covered by the curated Nemotron family row
    "AlphaFold-Multimer": None,
}

# Standalone Epoch names (no family rule) that are news-worthy product or
# research names: name -> (family, developer or None for Epoch's organisation).
EPOCH_ACCEPT: dict[str, tuple[str, str | None]] = {
    "AlphaProteo": ("AlphaProteo", None),
    "AlphaMissense": ("AlphaMissense", None),
    "GenCast": ("GenCast", None),
    "FunSearch": ("FunSearch", None),
    "AudioLM": ("AudioLM", None),
    "XLNet": ("XLNet", "google"),
    "SeamlessM4T": ("SeamlessM4T", None),
    "MusicGen": ("MusicGen", None),
    "AudioGen": ("AudioGen", None),
    "ImageBind": ("ImageBind", None),
    "DINOv2": ("DINO", None),
    "Make-A-Video": ("Make-A-Video", None),
    "Movie Gen": ("Movie Gen", None),
    "BlenderBot 3": ("BlenderBot", "meta"),
    "OPT-175B": ("OPT", None),
    "RoBERTa": ("RoBERTa", "meta"),
    "DistilBERT": ("BERT", None),
    "VALL-E": ("VALL-E", None),
    "Turing-NLG": ("Turing-NLG", None),
    "Megatron-Turing NLG": ("Megatron", "microsoft"),
    "Megatron-LM": ("Megatron", None),
    "Fugatto": ("Fugatto", None),
    "CogAgent": ("CogVLM", "zhipu-ai"),
    "CogVLM": ("CogVLM", "zhipu-ai"),
    "k0-math": ("Kimi", None),
    "PixelDance": ("PixelDance", None),
    "InternLM": ("InternLM", None),
    "Tongyi DeepResearch": ("Tongyi", None),
    "AndesGPT": ("AndesGPT", None),
    "BloombergGPT": ("BloombergGPT", None),
    "ESM3": ("ESM", None),
    "Llama-3.1-Nemotron-70B-Instruct": ("Nemotron", "nvidia"),
    "Sora Turbo": ("Sora", None),
}

_EPOCH_SUFFIX = re.compile(
    r"\s*\((?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}|preview|\d{4})\)$")

# --------------------------------------------------------------------------
# LiteLLM tables
# --------------------------------------------------------------------------

# litellm_provider -> the developer whose own API (or cloud) it is.
PROVIDER_DEV = {
    "openai": "openai", "chatgpt": "openai", "text-completion-openai": "openai",
    "anthropic": "anthropic",
    "gemini": "google", "vertex_ai-language-models": "google",
    "vertex_ai-video-models": "google", "vertex_ai-image-models": "google",
    "xai": "xai",
    "mistral": "mistral-ai", "codestral": "mistral-ai", "text-completion-codestral": "mistral-ai",
    "deepseek": "deepseek",
    "dashscope": "alibaba", "qwen_ai_platform": "alibaba", "qwencloud": "alibaba",
    "moonshot": "moonshot-ai", "zai": "zhipu-ai", "bigmodel": "zhipu-ai",
    "minimax": "minimax", "volcengine": "bytedance", "tencent": "tencent",
    "cohere": "cohere", "cohere_chat": "cohere", "ai21": "ai21-labs",
    "perplexity": "perplexity", "amazon_nova": "amazon", "meta_llama": "meta",
    "xiaomi_mimo": "xiaomi", "stability": "stability-ai",
    "black_forest_labs": "black-forest-labs", "runwayml": "runway",
    "elevenlabs": "elevenlabs", "inception": "inception-labs", "gigachat": "sberbank",
    "sarvam": "sarvam-ai", "recraft": "recraft",
}
# Cloud providers that are first-party for ids with a vendor prefix.
PREFIX_DEV = {"bedrock": {"amazon.": "amazon"}, "bedrock_converse": {"amazon.": "amazon"}}

SKIP_MODES = {"embedding", "rerank", "moderation", "search", "guardrail", "vector_store",
              "evaluation", "decisions", "extraction"}

# Normalised LiteLLM id -> written name, for ids no rule can spell.
LITELLM_NAMES = {
    "flux-pro-1.1": "FLUX1.1 [pro]",
    "flux-pro-1.1-ultra": "FLUX1.1 [pro] Ultra",
    "flux-pro": "FLUX.1 [pro]",
    "flux-dev": "FLUX.1 [dev]",
    "flux-kontext-pro": "FLUX.1 Kontext [pro]",
    "flux-kontext-max": "FLUX.1 Kontext [max]",
    "recraftv3": "Recraft V3",
    "recraftv2": "Recraft V2",
    "open-mistral-nemo": "Mistral NeMo",
    "nano-banana-pro": "Gemini 3 Pro Image",
    "j2-ultra": "Jurassic-2 Ultra",
    "j2-mid": "Jurassic-2 Mid",
    "sarvam-m": "Sarvam-M",
    "gpt-5-chat": "GPT-5",
    "titan-image-generator": "Titan Image Generator",
    "titan-image-generator-v2": "Titan Image Generator v2",
    "titan-text-premier": "Titan Text Premier",
    "titan-text-express": "Titan Text Express",
    "titan-text-lite": "Titan Text Lite",
    "stable-image-core": "Stable Image Core",
    "stable-image-ultra": "Stable Image Ultra",
    "eleven-v3": "Eleven v3",
    "eleven-multilingual-v2": "Eleven Multilingual v2",
    "eleven-flash-v2-5": "Eleven Flash v2.5",
    "eleven-turbo-v2-5": "Eleven Turbo v2.5",
    "eleven-v4": "Eleven v4",
}

# Normalised LiteLLM ids that spell a name nobody writes (API aliases that
# duplicate a better-known name).
LITELLM_SKIP = {
    "ministral-14b",   # = Ministral 3 14B
    "qwen-coder",      # API alias; news writes Qwen2.5-Coder / Qwen3-Coder
}


# --------------------------------------------------------------------------
# Names, keys, slugs
# --------------------------------------------------------------------------

def match_key(name: str) -> str:
    """Loose key used to recognise the same model across sources."""
    s = unicodedata.normalize("NFKC", name).casefold().replace("+", "plus")
    return re.sub(r"[\s\-_·\[\]]+", "", s)


def collision_key(name: str) -> str:
    """Key under which the loader's spelling variants collide: case folded,
    a space or hyphen between two alphanumerics read as one separator, and
    that separator dropped between a letter and a digit (either order)."""
    s = unicodedata.normalize("NFKC", name).casefold()
    s = re.sub(r"(?<=\w)[ \-](?=\w)", " ", s)
    s = re.sub(r"(?<=[^\W\d_]) (?=\d)|(?<=\d) (?=[^\W\d_])", "", s)
    return s


_GREEK = {"α": "alpha", "β": "beta", "Σ": "sigma", "σ": "sigma"}


def slugify(name: str) -> str:
    s = "".join(_GREEK.get(c, c) for c in name)
    s = s.replace("+", "-plus").replace("·", "-")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[\[\]()]", "", s)
    s = re.sub(r"[^a-z0-9._-]+", "-", s)
    s = re.sub(r"-{2,}", "-", s).strip("-.")
    return s


_VERSION_TOKEN = re.compile(r"^(?:[A-Za-z]?\d+(?:\.\d+)*[a-zA-Z+]?|[vV]\d+(?:\.\d+)*)$")
_SIZE_TOKEN = re.compile(r"^(?:\d+(?:\.\d+)?[BMTbmt]|\d+x\d+[Bb]|[Aa]\d+(?:\.\d+)?[Bb]|[Ee]\d+[Bb])$")


def derive_version(canonical: str, family: str) -> str:
    """The version as written: first version-like token after the family name."""
    if family == "o-series":
        m = re.match(r"o\d+", canonical)
        return m.group(0) if m else ""
    low, fam = canonical.casefold(), family.casefold()
    pos = low.find(fam)
    if pos < 0:
        return ""
    rest = canonical[pos + len(family):]
    for tok in re.split(r"[\s\-_]+", rest):
        tok = tok.strip(".[]()")
        if not tok or _SIZE_TOKEN.match(tok):
            continue
        if _VERSION_TOKEN.match(tok) and re.search(r"\d", tok):
            return tok
    return ""


def family_rule(name: str) -> tuple[str, str] | None:
    for rx, fam, dev in FAMILY_RULES_RE:
        if rx.search(name):
            return fam, dev
    return None


def same_developer(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    return a == b or any(a in g and b in g for g in DEVELOPER_GROUPS)


# --------------------------------------------------------------------------
# The row table
# --------------------------------------------------------------------------

class Table:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.by_key: dict[str, dict] = {}
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self.skipped: dict[str, list[str]] = {}

    def names(self, row: dict) -> list[str]:
        return [row["canonical"], *row["aliases"]]

    def find(self, *names: str) -> dict | None:
        for n in names:
            r = self.by_key.get(match_key(n))
            if r is not None:
                return r
        return None

    def add(self, row: dict) -> None:
        self.rows.append(row)
        for n in self.names(row):
            self.by_key.setdefault(match_key(n), row)

    def skip(self, why: str, what: str) -> None:
        self.skipped.setdefault(why, []).append(what)


def new_row(canonical: str, developer: str, family: str, source: str,
            released: str = "", aliases: list[str] | None = None) -> dict:
    case, context = GENERATED_FLAGS.get(family, ("", ""))
    return {"id": slugify(canonical), "canonical": canonical, "type": "model",
            "aliases": aliases or [], "developer": developer, "family": family,
            "version": "", "released": released, "case": case, "context": context,
            "source": source, "_epoch_dates": []}


# --------------------------------------------------------------------------
# Step 1: curated
# --------------------------------------------------------------------------

def read_curated(path: Path, table: Table, errors: list[str]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = None
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if header is None:
            header = fields
            missing = [c for c in CURATED_COLUMNS if c not in header]
            if missing:
                errors.append(f"{path}:{no}: curated header lacks {missing}")
                return
            continue
        if len(fields) > len(header):
            errors.append(f"{path}:{no}: {len(fields)} fields, header has {len(header)}")
            continue
        rec = dict(zip(header, fields + [""] * (len(header) - len(fields))))
        row = {
            "id": rec["id"], "canonical": rec["canonical"], "type": "model",
            "aliases": [a.strip() for a in rec["aliases"].split("|") if a.strip()],
            "developer": rec["developer"], "family": rec["family"],
            "version": rec["version"], "released": rec["released"],
            "case": rec["case"], "context": rec["context"], "source": "curated",
            "_epoch_dates": [], "_line": f"{path.name}:{no}",
        }
        table.add(row)


# --------------------------------------------------------------------------
# Step 2: Epoch AI
# --------------------------------------------------------------------------

def read_epoch(path: Path, table: Table) -> None:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    cand = []
    for rec in records:
        date = (rec.get("Publication date") or "").strip()[:10]
        raw = " ".join((rec.get("Model") or "").split())
        if not raw or not date or date < EPOCH_MIN_DATE:
            continue
        cand.append((date, raw, rec.get("Organization") or ""))
    cand.sort()
    for date, raw, orgs in cand:
        if raw in EPOCH_RENAME:
            name = EPOCH_RENAME[raw]
            if name is None:
                table.skip("epoch: skip list", raw)
                continue
        else:
            name = _EPOCH_SUFFIX.sub("", raw)
        dev = next((ORG_MAP[o.strip()] for o in orgs.split(",") if o.strip() in ORG_MAP), None)
        row = table.find(name)
        if row is not None:
            row["_epoch_dates"].append(date)
            continue
        if "(" in name:
            table.skip("epoch: configuration, not a product name", raw)
            continue
        if name in EPOCH_ACCEPT:
            family, dev_override = EPOCH_ACCEPT[name]
            developer = dev_override or dev
            if developer is None:
                table.skip("epoch: unmapped organisation", f"{raw} [{orgs}]")
                continue
        else:
            rule = family_rule(name)
            if rule is None:
                table.skip("epoch: no product family", raw)
                continue
            family, rule_dev = rule
            if not same_developer(dev, rule_dev):
                table.skip("epoch: family of another developer", f"{raw} [{orgs}]")
                continue
            developer = rule_dev
        row = new_row(name, developer, family, "epoch")
        row["_epoch_dates"].append(date)
        table.add(row)


# --------------------------------------------------------------------------
# Step 3: LiteLLM
# --------------------------------------------------------------------------

_SNAPSHOT = [
    re.compile(r"[-@]\d{4}-\d{2}-\d{2}$"),      # -2024-08-06
    re.compile(r"[-@]20\d{6}$"),                # -20250514, @20240620
    re.compile(r"-\d{2}-20\d{2}$"),             # -03-2025 (Cohere)
    re.compile(r"-2\d[01]\d[0-3]\d$"),          # -260215 (Volcengine YYMMDD)
    re.compile(r"-\d{4}$"),                     # -0613, -2512
    re.compile(r"[-@]00\d$"),                   # @001, -001 (Vertex AI)
    re.compile(r"-\d+k$"),                      # -128k context size
]
_DROP_SUFFIX = re.compile(r"-(latest|preview|instruct|it|fp8|v1|basic|non-reasoning|reasoning)$")


def normalise_litellm_id(key: str) -> str:
    s = key.split("/")[-1].lower().replace("_", "-")
    s = re.sub(r"^(us|eu|apac|global|jp|au|us-gov)\.", "", s)
    s = re.sub(r"^(amazon|meta|anthropic|mistral|cohere|ai21|stability)\.", "", s)
    s = re.sub(r":\d+$", "", s)
    s = re.sub(r"@(latest|default)$", "", s)
    changed = True
    while changed:
        changed = False
        for rx in _SNAPSHOT:
            t = rx.sub("", s)
            if t != s and t:
                s, changed = t, True
        t = _DROP_SUFFIX.sub("", s)
        if t != s and t:
            s, changed = t, True
    return s


def _dotted(v: str) -> str:
    """claude-style '4-5' -> '4.5'; also '3-0' -> '3.0'."""
    return v.replace("-", ".")


def _title(tok: str) -> str:
    up = {"vl": "VL", "ocr": "OCR", "moe": "MoE", "oss": "OSS"}
    if tok in up:
        return up[tok]
    if re.fullmatch(r"\d+(\.\d+)?b", tok) or re.fullmatch(r"a\d+b", tok):
        return tok.upper()
    return tok[:1].upper() + tok[1:]


def prettify(base: str) -> tuple[str, str, str] | None:
    """Normalised LiteLLM id -> (written name, family, developer), or None."""
    if base in LITELLM_SKIP:
        return None
    if base in LITELLM_NAMES:
        name = LITELLM_NAMES[base]
        rule = family_rule(name) or (("Recraft", "recraft") if name.startswith("Recraft") else None)
        return (name, *rule) if rule else None
    bad = r"(tts|audio|realtime|transcribe|live|search|embed|embedding|moderation|" \
          r"computer-use|deep-research|customtools|native|vision-exp|highspeed|lightning|" \
          r"gv2|cyber|multi-agent|i2v|r2v|spark|fast-generate|translate)"
    if re.search(rf"(^|-){bad}(-|$)", base) and base != "sonar-deep-research":
        return None
    m = re.fullmatch(r"gpt-(\d+(?:\.\d+)?o?)(?:-(mini|nano|pro|turbo|codex|codex-mini|codex-max|instant|chat))?", base)
    if m:
        ver, tier = m.group(1), m.group(2) or ""
        tiers = {"": "", "mini": " mini", "nano": " nano", "pro": " Pro", "turbo": " Turbo",
                 "codex": "-Codex", "codex-mini": "-Codex-Mini", "codex-max": "-Codex-Max",
                 "instant": " Instant", "chat": ""}
        return f"GPT-{ver}{tiers[tier]}", "GPT", "openai"
    m = re.fullmatch(r"gpt-oss-(\d+b)", base)
    if m:
        return f"gpt-oss-{m.group(1)}", "gpt-oss", "openai"
    m = re.fullmatch(r"gpt-image-(\d+(?:\.\d+)?)", base)
    if m:
        return f"gpt-image-{m.group(1)}", "gpt-image", "openai"
    m = re.fullmatch(r"o(\d)(?:-(mini|pro))?", base)
    if m:
        return f"o{m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else ""), "o-series", "openai"
    m = re.fullmatch(r"dall-e-(\d)", base)
    if m:
        return f"DALL-E {m.group(1)}", "DALL-E", "openai"
    m = re.fullmatch(r"sora-(\d)(-pro)?", base)
    if m:
        return f"Sora {m.group(1)}" + (" Pro" if m.group(2) else ""), "Sora", "openai"
    m = re.fullmatch(r"claude-(\d)(?:-(\d))?-(opus|sonnet|haiku)", base)
    if m:
        ver = m.group(1) + (f".{m.group(2)}" if m.group(2) else "")
        return f"Claude {ver} {m.group(3).title()}", "Claude", "anthropic"
    m = re.fullmatch(r"claude-(opus|sonnet|haiku)-(\d)(?:[-.](\d))?", base)
    if m:
        ver = m.group(2) + (f".{m.group(3)}" if m.group(3) else "")
        return f"Claude {m.group(1).title()} {ver}", "Claude", "anthropic"
    m = re.fullmatch(r"gemini-(\d+(?:\.\d+)?)-(pro|flash|flash-lite|ultra|flash-image|pro-image|deep-think)", base)
    if m:
        tier = {"pro": "Pro", "flash": "Flash", "flash-lite": "Flash-Lite", "ultra": "Ultra",
                "flash-image": "Flash Image", "pro-image": "Pro Image",
                "deep-think": "Deep Think"}[m.group(2)]
        return f"Gemini {m.group(1)} {tier}", "Gemini", "google"
    m = re.fullmatch(r"gemini-robotics-er-(\d+(?:\.\d+)?)", base)
    if m:
        return f"Gemini Robotics-ER {m.group(1)}", "Gemini", "google"
    m = re.fullmatch(r"(?:gemini-)?gemma-(\d+n?)-(\d+b)", base)
    if m:
        return f"Gemma {m.group(1)} {m.group(2).upper()}", "Gemma", "google"
    m = re.fullmatch(r"imagen-(\d)(?:\.0)?-generate", base)
    if m:
        return f"Imagen {m.group(1)}", "Imagen", "google"
    m = re.fullmatch(r"veo-(\d(?:\.\d)?)(?:-(lite))?-generate", base)
    if m:
        ver = m.group(1)[:-2] if m.group(1).endswith(".0") else m.group(1)
        return f"Veo {ver}" + (" Lite" if m.group(2) else ""), "Veo", "google"
    m = re.fullmatch(r"lyria-(\d+(?:\.\d+)?)(?:-(pro|clip))?", base)
    if m:
        return f"Lyria {m.group(1)}" + (" Pro" if m.group(2) == "pro" else ""), "Lyria", "google"
    m = re.fullmatch(r"grok-(\d+)(?:[-.](\d+))?(?:-(mini|fast|heavy))?", base)
    if m:
        ver = m.group(1) + (f".{m.group(2)}" if m.group(2) else "")
        tier = {None: "", "mini": " mini", "fast": " Fast", "heavy": " Heavy"}[m.group(3)]
        return f"Grok {ver}{tier}", "Grok", "xai"
    m = re.fullmatch(r"grok-code-fast-(\d+)", base)
    if m:
        return f"Grok Code Fast {m.group(1)}", "Grok", "xai"
    if re.fullmatch(r"grok-imagine-(image|video)(-pro)?", base):
        return "Grok Imagine", "Grok", "xai"
    m = re.fullmatch(r"(mistral|ministral|magistral|devstral|codestral|pixtral|voxtral|mathstral)"
                     r"(?:-(large|medium|small|ocr|mamba|nemo|saba))?(?:-(\d+(?:[.-]\d+)?))?(?:-(\d+b))?", base)
    if m:
        brand, tier, ver, size = m.groups()
        if brand == "mistral" and tier is None:
            return None
        fam = brand.title()
        parts = [fam]
        if tier:
            parts.append(_title(tier) if tier != "nemo" else "NeMo")
        if ver:
            ver = _dotted(ver)
            parts.append(ver[:-2] if ver.endswith(".0") else ver)
        if size:
            parts.append(size.upper())
        return " ".join(parts), fam, "mistral-ai"
    m = re.fullmatch(r"deepseek-(v\d+(?:\.\d+)?|r\d+)(?:-(pro|flash|exp|terminus|speciale))?", base)
    if m:
        name = "DeepSeek-" + m.group(1).upper() + (f"-{m.group(2).title()}" if m.group(2) else "")
        return name, "DeepSeek", "deepseek"
    m = re.fullmatch(r"(qwen\d*(?:\.\d+)?|qwq)((?:-[a-z0-9.]+)*)", base)
    if m and not base.startswith("qwen-audio"):
        head = m.group(1)
        toks = [t for t in m.group(2).split("-") if t and t not in {"thinking"}]
        allowed = {"max", "plus", "turbo", "flash", "coder", "vl", "omni", "next", "image", "edit", "pro"}
        if any(not (t in allowed or re.fullmatch(r"\d+(\.\d+)?b|a\d+b|\d+\.\d+", t)) for t in toks):
            return None
        if head == "qwen" and not toks:
            return None
        head = "QwQ" if head == "qwq" else "Qwen" + head[4:]
        return "-".join([head] + [_title(t) for t in toks]), "Qwen", "alibaba"
    m = re.fullmatch(r"wan(\d+\.\d+)(?:-(t2v|video|prime|video-prime))?", base)
    if m:
        return f"Wan{m.group(1)}", "Wan", "alibaba"
    m = re.fullmatch(r"kimi-k(\d+(?:\.\d+)?)(?:-(pro|thinking))?", base)
    if m:
        return f"Kimi K{m.group(1)}" + (f" {m.group(2).title()}" if m.group(2) else ""), "Kimi", "moonshot-ai"
    m = re.fullmatch(r"glm-(\d+(?:\.\d+)?)(v)?(?:-(air|flash|turbo|plus))?", base)
    if m:
        ver, v, tier = m.groups()
        return f"GLM-{ver}" + ("V" if v else "") + (f"-{tier.title()}" if tier else ""), "GLM", "zhipu-ai"
    m = re.fullmatch(r"minimax-([mh]\d+(?:\.\d+)?)(-max)?", base)
    if m:
        return f"MiniMax-{m.group(1).upper()}" + ("-Max" if m.group(2) else ""), "MiniMax", "minimax"
    m = re.fullmatch(r"doubao-seed-(\d)-(\d)-(pro|lite|mini|turbo)", base)
    if m:
        return f"Doubao-Seed-{m.group(1)}.{m.group(2)}-{m.group(3).title()}", "Doubao", "bytedance"
    m = re.fullmatch(r"doubao-seedance-(\d)-(\d)", base)
    if m:
        return f"Seedance {m.group(1)}.{m.group(2)}", "Seedance", "bytedance"
    m = re.fullmatch(r"command-(r|a|r7b)(?:-(plus|reasoning|vision|translate))?", base)
    if m:
        tier = {None: "", "plus": "+", "reasoning": " Reasoning", "vision": " Vision",
                "translate": " Translate"}[m.group(2)]
        if m.group(1) == "a" and m.group(2) == "plus":
            tier = " Plus"
        return f"Command {m.group(1).upper()}{tier}", "Command", "cohere"
    if base.startswith("c4ai-aya-expanse"):
        return "Aya Expanse", "Aya", "cohere"
    m = re.fullmatch(r"jamba-(\d\.\d)(?:-(large|mini))?|jamba-(large|mini)-(\d\.\d)", base)
    if m:
        if m.group(1):
            return f"Jamba {m.group(1)}" + (f" {m.group(2).title()}" if m.group(2) else ""), "Jamba", "ai21-labs"
        return f"Jamba {m.group(3).title()} {m.group(4)}", "Jamba", "ai21-labs"
    m = re.fullmatch(r"sonar(?:-(pro|reasoning|reasoning-pro|deep-research))?", base)
    if m:
        tier = {None: "", "pro": " Pro", "reasoning": " Reasoning",
                "reasoning-pro": " Reasoning Pro", "deep-research": " Deep Research"}[m.group(1)]
        return f"Sonar{tier}", "Sonar", "perplexity"
    m = re.fullmatch(r"nova-(?:(\d)-)?(micro|lite|pro|premier|canvas|reel|sonic)", base)
    if m:
        return "Nova " + (f"{m.group(1)} " if m.group(1) else "") + m.group(2).title(), "Nova", "amazon"
    m = re.fullmatch(r"llama-(\d(?:\.\d)?)-(\d+b)", base)
    if m:
        return f"Llama {m.group(1)} {m.group(2).upper()}", "Llama", "meta"
    m = re.fullmatch(r"llama-4-(scout|maverick|behemoth)(?:-.*)?", base)
    if m:
        return f"Llama 4 {m.group(1).title()}", "Llama", "meta"
    m = re.fullmatch(r"mimo-v(\d+(?:\.\d+)?)-(pro|flash|omni)", base)
    if m:
        return f"MiMo-V{m.group(1)}-{m.group(2).title()}", "MiMo", "xiaomi"
    m = re.fullmatch(r"sd(\d(?:\.\d)?)(?:-(large|medium|large-turbo))?", base)
    if m:
        tier = {None: "", "large": " Large", "medium": " Medium", "large-turbo": " Large Turbo"}[m.group(2)]
        return f"Stable Diffusion {m.group(1)}{tier}", "Stable Diffusion", "stability-ai"
    m = re.fullmatch(r"gen(\d(?:\.\d)?)(?:-(turbo|image))?", base)
    if m:
        return f"Gen-{m.group(1)}" + (f" {m.group(2).title()}" if m.group(2) else ""), "Gen", "runway"
    m = re.fullmatch(r"mercury-(\d+(?:\.\d+)?)", base)
    if m:
        return f"Mercury {m.group(1)}", "Mercury", "inception-labs"
    m = re.fullmatch(r"gigachat-(\d)(?:-(max|pro))?", base)
    if m:
        return f"GigaChat-{m.group(1)}" + (f"-{m.group(2).title()}" if m.group(2) else ""), "GigaChat", "sberbank"
    return None


def read_litellm(path: Path, table: Table) -> None:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    for key in sorted(data):
        info = data[key]
        if not isinstance(info, dict):
            continue
        mode = str(info.get("mode") or "")
        if mode in SKIP_MODES or "one of" in mode:
            continue
        provider = str(info.get("litellm_provider") or "")
        pdev = PROVIDER_DEV.get(provider)
        for prefix, d in PREFIX_DEV.get(provider, {}).items():
            if prefix in key:
                pdev = d
        if pdev is None:
            continue
        if key.startswith("ft:"):
            continue
        base = normalise_litellm_id(key)
        got = prettify(base)
        if got is None:
            table.skip("litellm: id no rule spells", f"{key} -> {base}")
            continue
        name, family, dev = got
        if dev != pdev:
            table.skip("litellm: hosted by another company", f"{key} ({provider})")
            continue
        if table.find(name) is not None:
            continue
        table.add(new_row(name, dev, family, "litellm"))


# --------------------------------------------------------------------------
# Steps 4-6: derive, validate
# --------------------------------------------------------------------------

def finish(table: Table) -> None:
    for row in table.rows:
        dates = sorted(row.pop("_epoch_dates"))
        if dates:
            if not row["released"]:
                row["released"] = dates[0]
            elif row["released"][:7] != dates[0][:7] and row["source"] == "curated":
                table.notes.append(f"date: {row['id']} curated {row['released']}, Epoch {dates[0]}")
        def spaced(x: str) -> str:  # the loader's space/hyphen variants are one name
            return re.sub(r"(?<=\w)[ \-](?=\w)", " ", x)
        for n in [row["canonical"], *row["aliases"]]:
            cap = re.sub(r"(?<=[ \-])(" + "|".join(sorted(TIER_WORDS)) + r")\b",
                         lambda m: m.group(1).capitalize(), n)
            if spaced(cap) not in {spaced(x) for x in [row["canonical"], *row["aliases"]]}:
                row["aliases"].append(cap)
        if row["version"] == "-":
            row["version"] = ""
        elif not row["version"]:
            row["version"] = derive_version(row["canonical"], row["family"])


SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def read_companies(path: Path) -> tuple[set[str], set[str]]:
    ids, names = set(), set()
    if not path.exists():
        return ids, names
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = [x.strip() for x in line.split("\t")]
        if header is None:
            header = f
            continue
        rec = dict(zip(header, f))
        if rec.get("id"):
            ids.add(rec["id"])
        for n in [rec.get("canonical", "")] + (rec.get("aliases") or "").split("|"):
            if n.strip():
                names.add(n.strip())
    return ids, names


def validate(rows: list[dict], errors: list[str], warnings: list[str] | None = None) -> None:
    warnings = [] if warnings is None else warnings
    ids: dict[str, dict] = {}
    ckeys: dict[str, tuple[str, str]] = {}
    mkeys: dict[str, tuple[str, str]] = {}
    developers = {r["developer"] for r in rows}
    comp_ids, comp_names = read_companies(COMPANIES)
    comp_ckeys = {collision_key(n): n for n in comp_names}
    for r in rows:
        where = f"{r['id'] or '?'} ({r['source']})"
        for col in ("id", "canonical", "type", "developer", "family", "source"):
            if not r[col]:
                errors.append(f"{where}: empty {col}")
        if not SLUG.match(r["id"]):
            errors.append(f"{where}: id is not a lowercase slug")
        if not SLUG.match(r["developer"] or "-"):
            errors.append(f"{where}: developer {r['developer']!r} is not a slug")
        if r["id"] in ids:
            errors.append(f"{where}: duplicate id")
        ids[r["id"]] = r
        if r["id"] in developers or r["id"] in comp_ids:
            errors.append(f"{where}: id is also a company id")
        if r["type"] != "model":
            errors.append(f"{where}: type must be model")
        if r["case"] not in ("", "exact"):
            errors.append(f"{where}: case must be empty or exact")
        if r["context"] not in ("", "required"):
            errors.append(f"{where}: context must be empty or required")
        if r["released"] and not DATE.match(r["released"]):
            errors.append(f"{where}: released {r['released']!r} is not YYYY-MM-DD")
        if r["source"] not in ("curated", "epoch", "litellm"):
            errors.append(f"{where}: unknown source")
        for col in ("canonical", "developer", "family", "version"):
            if re.search(r"[\t\n\r|]", r[col]):
                errors.append(f"{where}: {col} holds a tab, | or line break")
        seen_here = set()
        for n in [r["canonical"], *r["aliases"]]:
            if not n or re.search(r"[\t\n\r|]", n) or n != n.strip():
                errors.append(f"{where}: bad name {n!r}")
            if n in seen_here:
                errors.append(f"{where}: name {n!r} listed twice")
            seen_here.add(n)
            if n in comp_names:
                errors.append(f"{where}: name {n!r} is a company name in companies.tsv")
            elif collision_key(n) in comp_ckeys:
                warnings.append(f"{where}: name {n!r} differs from company name "
                                f"{comp_ckeys[collision_key(n)]!r} only in case or spacing")
            for keys, key, label in ((ckeys, collision_key(n), "spelling variant"),
                                     (mkeys, match_key(n), "match key")):
                other = keys.get(key)
                if other and other[0] != r["id"]:
                    errors.append(f"{where}: name {n!r} collides ({label}) with "
                                  f"{other[1]!r} of {other[0]}")
                keys.setdefault(key, (r["id"], n))
    for lid, canon in LEGACY.items():
        if lid not in ids:
            errors.append(f"legacy id {lid} is missing")
        elif ids[lid]["canonical"] != canon:
            errors.append(f"legacy id {lid}: canonical {ids[lid]['canonical']!r}, was {canon!r}")


# --------------------------------------------------------------------------
# Step 7: output
# --------------------------------------------------------------------------

def render(rows: list[dict]) -> str:
    counts = {s: sum(r["source"] == s for r in rows) for s in ("curated", "epoch", "litellm")}
    out = io.StringIO()
    out.write(
        f"# newsie AI model gazetteer: {len(rows)} models "
        f"({counts['curated']} curated, {counts['epoch']} from Epoch AI, {counts['litellm']} from LiteLLM).\n"
        "# generated by scripts/gazetteers/build_models.py, do not edit by hand; edit gazetteers/curated/models.tsv\n"
        "# Sources and licences (column `source` names the first source of each row):\n"
        "# - curated: gazetteers/curated/models.tsv, written by the newsie team from the developers'\n"
        "#   release announcements. CC0 1.0.\n"
        "# - epoch: Epoch AI, \"Notable AI Models\" (2026-01 snapshot, https://epoch.ai/data/notable-ai-models),\n"
        "#   CC BY 4.0 -- attribution required: names, organisations and publication dates from Epoch AI.\n"
        "#   Epoch also supplies the `released` date of curated rows that have none.\n"
        "# - litellm: LiteLLM model registry (model_prices_and_context_window.json, litellm 1.110.2),\n"
        "#   MIT licence, Copyright (c) 2023 Berri AI; model ids rewritten as the names developers write.\n"
        "# Spelling variants (space, hyphen or nothing between letters and digits) and case variants are\n"
        "# generated by the loader; `aliases` lists only genuinely different names.\n"
        "# case=exact: match only as written. context=required: needs AI context in the sentence.\n"
    )
    out.write("\t".join(COLUMNS) + "\n")
    for r in rows:
        vals = dict(r, aliases="|".join(r["aliases"]))
        out.write("\t".join(vals[c] for c in COLUMNS) + "\n")
    return out.getvalue()


def build() -> tuple[str | None, list[str], Table]:
    errors: list[str] = []
    table = Table()
    shared = Path(os.environ.get("NEWSIE_SHARED") or (REPO / ".." / "shared"))
    read_curated(CURATED, table, errors)
    for name, reader in ((EPOCH_FILE, read_epoch), (LITELLM_FILE, read_litellm)):
        path = shared / name
        if not path.exists():
            errors.append(f"missing source {path} (set NEWSIE_SHARED)")
            continue
        reader(path, table)
    if errors:
        return None, errors, table
    finish(table)
    table.rows.sort(key=lambda r: (r["developer"], r["family"].casefold(),
                                   r["released"] or "9999", r["id"]))
    validate(table.rows, errors, table.warnings)
    if errors:
        return None, errors, table
    return render(table.rows), errors, table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if gazetteers/models.tsv would change; write nothing")
    ap.add_argument("--verbose", action="store_true",
                    help="list skipped source rows and date disagreements on stderr")
    args = ap.parse_args(argv)
    text, errors, table = build()
    if args.verbose:
        for why in sorted(table.skipped):
            items = table.skipped[why]
            print(f"skipped, {why}: {len(items)}", file=sys.stderr)
            for it in items:
                print(f"    {it}", file=sys.stderr)
        for n in table.notes:
            print(f"note: {n}", file=sys.stderr)
    for w in table.warnings:
        print(f"build_models: warning: {w}", file=sys.stderr)
    if text is None:
        for e in errors:
            print(f"build_models: error: {e}", file=sys.stderr)
        return 2
    current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
    rows = table.rows
    summary = (f"{len(rows)} rows: " + ", ".join(
        f"{s} {sum(r['source'] == s for r in rows)}" for s in ("curated", "epoch", "litellm")))
    if args.check:
        if current != text:
            print(f"build_models: {OUTPUT.relative_to(REPO)} is out of date ({summary}); "
                  "run scripts/gazetteers/build_models.py", file=sys.stderr)
            return 1
        print(f"build_models: {OUTPUT.relative_to(REPO)} is up to date ({summary})", file=sys.stderr)
        return 0
    if current != text:
        tmp = OUTPUT.with_suffix(".tsv.tmp")
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(OUTPUT)
    print(f"build_models: wrote {OUTPUT.relative_to(REPO)} ({summary})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
