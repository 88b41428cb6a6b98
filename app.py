"""The tokenizer playground: `streamlit run app.py`.

The pages (in `app_pages/`) stand on our own BPE engine (`tokenizer/`): Tokenize, Merges,
Compare, Train, Vocabulary, Embeddings and the lessons. This file declares them, draws the
display settings every page shares, and adds the token-view styles.
"""

import gc
import os

# Many sessions share a few cores: numpy's linear algebra (the Embeddings page) must not start a
# thread per core for each of them (measured: 3-10 s instead of 0.3-0.8 s under load). This has
# to happen before numpy is first imported, which the server has not done yet on the first run.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import streamlit as st  # noqa: E402

from ui.display import display_controls, inject_styles, presenter_mode  # noqa: E402


@st.cache_resource(show_spinner=False)
def freeze_startup_objects() -> None:
    """Once per server, after its first run: hide every object alive now (the modules of
    streamlit, pandas and plotly, the vocabularies) from the garbage collector, which walked them
    all (about 0.1 s here) whenever a full collection fell in the middle of a page switch."""
    gc.freeze()


# Presenter mode (a toggle in the sidebar, or presenter=1 in a link) folds the sidebar away.
st.set_page_config(
    page_title="Tokenizer playground",
    page_icon=":material/token:",
    layout="wide",
    initial_sidebar_state="collapsed" if presenter_mode() else "auto",
)

pages = [
    st.Page("app_pages/tokenize.py", title="Tokenize", icon=":material/text_fields:", default=True),
    st.Page("app_pages/merges.py", title="Merges", icon=":material/merge:", url_path="merges"),
    st.Page("app_pages/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
    st.Page("app_pages/train.py", title="Train", icon=":material/model_training:", url_path="train"),
    st.Page("app_pages/vocabulary.py", title="Vocabulary", icon=":material/dictionary:", url_path="vocabulary"),
    st.Page("app_pages/embeddings.py", title="Embeddings", icon=":material/grid_on:", url_path="embeddings"),
    st.Page("app_pages/lessons.py", title="Why tokenization matters", icon=":material/school:", url_path="lessons"),
]
page = st.navigation(pages, position="top")

with st.sidebar:
    st.subheader("Display")
    display_controls()
    st.caption(
        "Tokenizer playground: GPT-2, GPT-4 and GPT-4o tokenizers, exact to the id, on a pure-Python "
        "BPE engine. Hover a token for its id and bytes."
    )

inject_styles()
page.run()
freeze_startup_objects()
