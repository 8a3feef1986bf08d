"""Mojibake: text whose bytes were once decoded with the wrong codec.

Every common wrong reading is tried: the bytes of UTF-8, GBK (GB18030), Big5
and Shift-JIS, read as Latin-1, cp1250, cp1251, cp1252, cp1254, MacRoman,
cp866, GBK (Windows cp936 too), Big5 (cp950, HKSCS) or Shift-JIS (cp932).  Each repair's reason names it as ``<source>-as-<reader>``:

==================  ==============================  ==============
kind                looks like                      comes back as
==================  ==============================  ==============
utf8-as-gbk         ``浣犲ソ`` ``鐨凧SON``             ``你好`` ``的JSON``
utf8-as-gbk         ``小械褉胁懈褋``                  ``Сервис``
gbk-as-latin1       ``ÄãºÃ``                        ``你好``
gbk-as-cp1250       ``ÓůÓĂČíĽţ``                    ``御用软件``
big5-as-latin1      ``§A¦n``                        ``你好``
big5-as-gbk         ``いゅ代刚``                    ``中文測試``
gbk-as-big5         ``斕疑``                        ``你好``
gbk-as-macroman     ``÷–Œƒ``                        ``中文``
gbk-as-cp866        ``╓╨╬─``                        ``中文``
sjis-as-gbk         ``擔杮岅``                      ``日本語``
utf8-as-sjis        ``荳ｭ譁``                        ``中文``
utf8-as-cp1252      ``ä½\\xa0å¥½`` (also ftfy's)      ``你好``
==================  ==============================  ==============

and ftfy's own repairs (``... (ftfy)``), double encodings included.

How (one module each):

* ``readings``: the sources and readers, and the bytes a run of text came from;
* ``decoding``: those bytes decoded in a source (what decodes, the byte pairs
  a reader's decoders share, UTF-8's shapes);
* ``holes``: what a character whose byte was lost (U+FFFD) could have been,
  and when its context settles it;
* ``screens``: which readings a line is worth, in what order, and where;
* ``detectors``: candidate repairs (``Candidate``) of every reading, span by
  span, the same whatever ASCII, code or markup surrounds them;
* ``ftfy_readings``: ftfy's repairs, candidates among ours;
* ``chars``: what a text is made of, counted at C speed (for the arbiter);
* ``arbiter``: which candidates are repairs (the repair reads as Chinese, the
  span as damage, the gain is clear) and the best non-overlapping set;
* ``repair``: rounds over the text, flags, the public entry points.

A repair that damages good text is worse than none: clean Chinese (rare
characters, classical text, traditional), Japanese, Korean and European text
stay as they are.  What no repair can bring back stays visible and is
flagged: lost characters (U+FFFD, with their candidates), ``锟斤拷`` runs
and replacement-character runs.
"""

from __future__ import annotations

from .detectors import Candidate
from .repair import MAX_PASSES, fix_encoding, fix_encoding_outcome, unrepairable

__all__ = ["Candidate", "MAX_PASSES", "fix_encoding", "fix_encoding_outcome", "unrepairable"]
