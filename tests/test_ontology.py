"""The CAMEO/PLOVER ontology tables: codes as strings and their lookups."""

from __future__ import annotations

import pytest

from eventlens import ontology
from eventlens.ontology import CodeInfo, UnknownCode


@pytest.fixture(scope="module")
def onto():
    return ontology.load()


def test_load_is_cached_per_process():
    assert ontology.load() is ontology.load()


def test_codes_are_strings_with_leading_zeros(onto):
    codes = onto.codes()
    assert len(codes) == 312
    assert all(isinstance(c, str) for c in codes)
    assert "042" in codes and "0871" in codes and "01" in codes
    assert onto.valid("042")
    assert not onto.valid("42")
    assert not onto.valid(42)  # type: ignore[arg-type]


def test_info_of_a_consult_code(onto):
    info = onto.info("044")
    assert info == CodeInfo("044", "04", "Meet at a 'third' location", "CONSULT", 1, 2.5)


@pytest.mark.parametrize(
    ("code", "root", "plover", "quad", "goldstein"),
    [
        ("057", "05", "SUPPORT", 1, 8.0),
        ("112", "11", "ACCUSE", 3, -2.0),
        ("163", "16", "COERCE", 4, -8.0),  # the 2021 table maps 163 to COERCE, not SANCTION
        ("1712", "17", "ASSAULT", 4, -9.2),  # per-row type, not the root header
        ("195", "19", "ASSAULT", 4, -10.0),
        ("0871", "08", "RETREAT", 2, 9.0),
    ],
)
def test_plover_quad_goldstein(onto, code, root, plover, quad, goldstein):
    info = onto.info(code)
    assert (info.root, info.plover, info.quad_class, info.goldstein) == (root, plover, quad, goldstein)


@pytest.mark.parametrize("code", ["010", "016", "020", "0256", "026", "01", "02"])
def test_statements_and_appeals_have_no_plover_type(onto, code):
    assert onto.info(code).plover is None


def test_roots_take_an_unambiguous_header_type(onto):
    assert onto.info("04").plover == "CONSULT"
    assert onto.info("08").plover is None  # 08 heads both CONCEDE and RETREAT


def test_codebook_names_not_gdelt_draft_names(onto):
    assert onto.info("106").name == "Demand meeting, negotiation"
    assert onto.info("105").name == "Demand that target yields"


def test_goldstein_column_choice(onto):
    assert onto.info("016").goldstein == -2.0
    assert onto.info("016", goldstein="icews").goldstein == -5.0
    assert ontology.load("icews").info("164").goldstein == -6.5
    assert onto.info("164").goldstein == -7.0


def test_code_only_in_icews_falls_back_to_its_score(onto):
    assert onto.info("1213").goldstein == -4.0


def test_unknown_code_raises(onto):
    with pytest.raises(UnknownCode):
        onto.info("999")
    with pytest.raises(UnknownCode):
        onto.info("42")


def test_bad_goldstein_column_is_rejected():
    with pytest.raises(ValueError):
        ontology.load("acled")
