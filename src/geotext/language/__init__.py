"""The language layer under the capabilities: one sentence view, one morphology,
one reporting-cue lexicon.

:mod:`geotext.quotes`, :mod:`geotext.hedges` and :mod:`geotext.actors` read a
sentence through :mod:`geotext.language.view`, lemmas through
:mod:`geotext.language.morphology` and reporting cues through
:mod:`geotext.language.reporting`; none of them imports another capability's
private modules. This package depends only on :mod:`geotext.model` and
:mod:`geotext.data`.
"""
