"""Benchmarks of the tokenizer engine against its references: run `python -m benchmarks`.

- `corpora.py`: the generated test texts (and their licensing), `seed_text.py` what they grow from;
- `suite.py`: what is measured, as groups of rows with their targets;
- `timing.py` and `worker.py`: each measurement in a fresh process, best of a few;
- `report.py`: the table, plain or Markdown.
"""
