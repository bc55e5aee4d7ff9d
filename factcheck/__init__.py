"""factcheck: fact-consistency checks for news corpora, run by pytest."""
from .article import Article, ArticleError, read_article
from .extract import extract
from .mention import Mention, TimeExpr
from .verdict import FindingWarning

__all__ = ["Article", "ArticleError", "FindingWarning", "Mention", "TimeExpr", "extract", "read_article"]
__version__ = "0.1.0"
