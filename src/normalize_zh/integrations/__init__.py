"""Adapters to data-processing frameworks; each imports its framework only when used.

``normalize_zh.integrations.datatrove``: a datatrove pipeline step
(``pip install "normalize-zh[datatrove]"``).
"""
