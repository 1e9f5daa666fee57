"""The decision framework of VARIO (2026), recommendation 1.3 (figures 11 and 12), as explicit rules.

Source: VARIO (2026) *Strategische keuzes voor Vlaanderen*, chapter 5 "Aanbevelingen" (p. 69 ff.),
Aanbeveling 1.3 "Gebruik de beslissingsboom als leidraad". The figures (11: "Beslissingsboom –
strategische domeinen"; 12: "Beslissingsboom – strategische domeinen en beleidsacties") are images
that did not survive in the seed text; the clustering text under figure 11 is the specification.
Line numbers refer to the seed text ``seeds/000_58134484e03f4a01.txt``. The management summary
(lines 183-195, "Figuur 2") gives a shorter version of the same clustering: it has rules R1, R3,
R4, R6 and R7 below but not R2, R5 or R8; chapter 5 is followed here because it is the fuller one.

Five inputs per domain (``True`` / ``False`` / ``None`` = unknown):

* ``economic``   -- uitgesproken economische sterkte (pronounced economic strength)
* ``innovation`` -- innovatie/technologische sterkte (innovation/technological strength)
* ``scientific`` -- wetenschappelijke sterkte (scientific strength)
* ``growth``     -- economisch groeipotentieel (economic growth potential)
* ``transition`` -- bijdrage aan de transitieprioriteiten (contribution to the transition priorities)

Rules, each quoting the seed (section 5, Aanbeveling 1.3); E, I, S, G, T are the inputs above:

R1 (line 1169) "Domeinen met een uitgesproken sterkte: Dit zijn domeinen waar er een economisch
   groei potentieel en bijdrage aan de transitieprioriteiten is, én waar Vlaanderen een
   uitgesproken economische, innovatie/technologische en wetenschappelijke sterkte heeft."
   G and T and E and I and S -> uitgesproken_sterkte.
R2 (line 1171) "Ook domeinen met een uitgesproken economische sterkte, innovatie/technologische
   sterkte én wetenschappelijke sterkte, waarbij er economisch groeipotentieel maar geen bijdrage
   aan de door de Vlaamse Regering geformuleerde transitieprioriteiten, worden als 'domeinen met
   uitgesproken sterkte' gecategoriseerd."
   G and not T and E and I and S -> uitgesproken_sterkte.
R3 (line 1175) "Domeinen met een hiaat in het ecosysteem: Dit zijn domeinen waar er economisch
   groeipotentieel en een bijdrage aan de transitieprioriteiten is. Daarnaast heeft Vlaanderen (1)
   een uitgesproken economische sterkte in combinatie met een innovatie/technologische en/of
   wetenschappelijke sterkte"
   G and T and E and (I or S), not both (both is R1, see note a) -> hiaat_ecosysteem.
R4 (line 1175) "of (2) een innovatie/technologische sterkte én wetenschappelijke sterkte maar zijn de
   economische activiteiten nog onderontwikkeld. Een voorbeeld van dit laatste is bv. semiconductors."
   G and T and not E and I and S -> hiaat_ecosysteem.
R5 (line 1177) "Dit betreft tevens domeinen waar Vlaanderen reeds een economische sterkte heeft en er
   veel economische groei-opportunities zijn, maar we (nog) niet de nodige innovatie/technologische
   kracht en/of wetenschappelijke sterkte hebben."
   G and T and E and not I and not S -> hiaat_ecosysteem (read inside the hiaat bullet, whose
   opening sentence requires T; see note c).
R6 (line 1181) "Moonshot domeinen: Dit zijn domeinen waar er economisch groeipotentieel en een
   bijdrage aan de transitieprioriteiten is. Vlaanderen bezit hier echter geen economische sterkte..
   Er is mogelijk wel een beperkte wetenschappelijke kennis of een innovatie/technologische
   expertise aanwezig die kan helpen om de moonshot succesvol te maken."
   G and T and not E and not (I and S) -> moonshot (I and S together is R4, see note b).
R7 (line 1188) "Daarnaast zijn er nog de domeinen waar er geen grote economische groei-opportunities
   zijn en waar er geen bijdrage aan de transitieprioriteiten zijn. Deze domeinen vragen geen
   specifieke beleidsfocus."
   not G and not T -> geen_beleidsfocus (whatever E, I, S).
R8 (line 1189) "Er zijn mogelijk domeinen waar er geen verwachte economische groei-opportunities zijn
   maar waar er wel transitieprioriteiten zijn. Afhankelijk van de al-of-niet aanwezigheid van
   Vlaamse economische sterkte moet er gefocust worden op (1) ‘internationalisering’ om het
   realiseren van de transitie in andere regio’s ook te bevorderen of (2) partnerschappen opzetten
   om de Vlaamse transitie te realiseren indien Vlaanderen dit niet kan op basis van eigen
   economische en/of innovatie/technologische/wetenschappelijke sterkte."
   R8a: not G and T and E -> internationalisering; R8b: not G and T and not E -> partnerschappen
   (the sentence makes economic strength the switch; see note d). The seed nests this sub-bullet
   under the "geen specifieke beleidsfocus" bullet, so both carry that parent category.

Not decided by the text (-> ``niet_beslist`` with a reason, never a default):

U1 G and not T and E and not (I and S): R2 covers growth without a transition contribution only
   for domains with all three strengths; the hiaat bullet (R3, R5) requires a contribution, and
   line 1177 does not say whether its case also holds without one.
U2 G and not T and not E: moonshot (R6) and hiaat variant (2) (R4) require a transition
   contribution; "geen specifieke beleidsfocus" (R7) requires no growth opportunities.
M  any input unknown (``None``): the framework needs every input; the missing ones are named.
   With ``decide_when_unambiguous=True`` a domain is still decided when every completion of the
   unknown inputs reaches the same leaf of the tree (e.g. no growth and no transition contribution
   -> geen_beleidsfocus whatever the strengths).

Interpretation notes (where the literal text overlaps; the choice is ours and is documented):

a. E, I, S, G, T all true match R1 and, literally, R3 ("en/of" includes both). R1 wins: a domain
   with all three strengths has no gap, and Aanbeveling 2.2 describes hiaat domains as ones where
   "het volle potentieel ... niet altijd gerealiseerd [wordt] door hiaten in het ecosysteem".
b. G, T, I, S true and E false match R4 and, loosely, R6 (which allows "beperkte" knowledge).
   R4 names this combination explicitly ("een voorbeeld ... semiconductors"); it wins.
c. R5 does not mention the transition priorities. It is read as part of the hiaat bullet whose first
   sentence requires a contribution; without one the combination is U1 (undecided).
d. R8: for not E the seed adds "indien Vlaanderen dit niet kan op basis van eigen economische en/of
   innovatie/technologische/wetenschappelijke sterkte". Innovation or scientific strength without
   economic strength is still routed to partnerships, because the sentence names economic strength
   as the switch; the outcome's note says so when I or S is true.

Policy actions of each category: :mod:`helpers.chapters.framework.categories`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from helpers.chapters.framework.categories import CATEGORIES, CATEGORY_ORDER, SEED, SOURCE_13
from helpers.errors import InputError
from helpers.methods.ratings import require_columns

#: The five inputs, in the order of :func:`classify`'s arguments: id -> (Dutch, English) label.
INPUTS: dict[str, tuple[str, str]] = {
    "economic": ("uitgesproken economische sterkte", "pronounced economic strength"),
    "innovation": ("innovatie/technologische sterkte", "innovation/technological strength"),
    "scientific": ("wetenschappelijke sterkte", "scientific strength"),
    "growth": ("economisch groeipotentieel", "economic growth potential"),
    "transition": ("bijdrage aan de transitieprioriteiten", "contribution to the transition priorities"),
}
INPUT_NAMES: tuple[str, ...] = tuple(INPUTS)

#: Where the seed names the transition priorities (quoted in data/README.md); the priorities themselves
#: (ids and labels) are project data, :data:`helpers.data.domains.TRANSITIONS`.
TRANSITIONS_SOURCE = (
    f"{SEED}, chapter 5, Aanbeveling 1.1 (p. 69 ff., seed line 1145) and section 2.3 (pp. 33-34, line 569)"
)


# --------------------------------------------------------------------------------------------
# rules
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One rule of the framework: its outcome, the seed sentence it implements, where, and notes."""

    rule_id: str
    category: str
    leaf: str
    quote: str
    source: str
    note: str = ""


RULES: dict[str, Rule] = {
    "R1": Rule("R1", "uitgesproken_sterkte", "L_sterkte_transitie",
               "Domeinen met een uitgesproken sterkte: Dit zijn domeinen waar er een economisch groei potentieel en bijdrage aan de transitieprioriteiten is, én waar Vlaanderen een uitgesproken economische, innovatie/technologische en wetenschappelijke sterkte heeft.",
               f"{SOURCE_13}, seed line 1169",
               "Also matches R3 literally ('en/of' includes both); R1 wins: with all three strengths there is no gap (interpretation a)."),
    "R2": Rule("R2", "uitgesproken_sterkte", "L_sterkte_zonder_transitie",
               "Ook domeinen met een uitgesproken economische sterkte, innovatie/technologische sterkte én wetenschappelijke sterkte, waarbij er economisch groeipotentieel maar geen bijdrage aan de door de Vlaamse Regering geformuleerde transitieprioriteiten, worden als 'domeinen met uitgesproken sterkte' gecategoriseerd.",
               f"{SOURCE_13}, seed line 1171"),
    "R3": Rule("R3", "hiaat_ecosysteem", "L_hiaat_economisch",
               "Domeinen met een hiaat in het ecosysteem: Dit zijn domeinen waar er economisch groeipotentieel en een bijdrage aan de transitieprioriteiten is. Daarnaast heeft Vlaanderen (1) een uitgesproken economische sterkte in combinatie met een innovatie/technologische en/of wetenschappelijke sterkte",
               f"{SOURCE_13}, seed line 1175"),
    "R4": Rule("R4", "hiaat_ecosysteem", "L_hiaat_kennis",
               "of (2) een innovatie/technologische sterkte én wetenschappelijke sterkte maar zijn de economische activiteiten nog onderontwikkeld. Een voorbeeld van dit laatste is bv. semiconductors.",
               f"{SOURCE_13}, seed line 1175",
               "Also loosely matches the moonshot text (R6); R4 names this combination explicitly and wins (interpretation b)."),
    "R5": Rule("R5", "hiaat_ecosysteem", "L_hiaat_economisch",
               "Dit betreft tevens domeinen waar Vlaanderen reeds een economische sterkte heeft en er veel economische groei-opportunities zijn, maar we (nog) niet de nodige innovatie/technologische kracht en/of wetenschappelijke sterkte hebben.",
               f"{SOURCE_13}, seed line 1177",
               "Read inside the hiaat bullet, which requires a contribution to the transition priorities (interpretation c)."),
    "R6": Rule("R6", "moonshot", "L_moonshot",
               "Moonshot domeinen: Dit zijn domeinen waar er economisch groeipotentieel en een bijdrage aan de transitieprioriteiten is. Vlaanderen bezit hier echter geen economische sterkte.. Er is mogelijk wel een beperkte wetenschappelijke kennis of een innovatie/technologische expertise aanwezig die kan helpen om de moonshot succesvol te maken.",
               f"{SOURCE_13}, seed line 1181"),
    "R7": Rule("R7", "geen_beleidsfocus", "L_geen_focus",
               "Daarnaast zijn er nog de domeinen waar er geen grote economische groei-opportunities zijn en waar er geen bijdrage aan de transitieprioriteiten zijn. Deze domeinen vragen geen specifieke beleidsfocus.",
               f"{SOURCE_13}, seed line 1188"),
    "R8a": Rule("R8a", "internationalisering", "L_internationalisering",
                "Er zijn mogelijk domeinen waar er geen verwachte economische groei-opportunities zijn maar waar er wel transitieprioriteiten zijn. Afhankelijk van de al-of-niet aanwezigheid van Vlaamse economische sterkte moet er gefocust worden op (1) ‘internationalisering’ om het realiseren van de transitie in andere regio’s ook te bevorderen",
                f"{SOURCE_13}, seed line 1189"),
    "R8b": Rule("R8b", "partnerschappen", "L_partnerschappen",
                "of (2) partnerschappen opzetten om de Vlaamse transitie te realiseren indien Vlaanderen dit niet kan op basis van eigen economische en/of innovatie/technologische/wetenschappelijke sterkte.",
                f"{SOURCE_13}, seed line 1189",
                "Economic strength is the switch named by the seed; innovation or scientific strength does not change the outcome (interpretation d)."),
    "U1": Rule("U1", "niet_beslist", "L_niet_beslist_groei",
               "", f"{SOURCE_13}, seed lines 1171-1177",
               "Growth potential and economic strength, no contribution to the transition priorities, not all three strengths: R2 only covers domains with all three strengths; the hiaat bullet (lines 1175, 1177) requires a contribution, and line 1177 does not say whether its case also holds without one."),
    "U2": Rule("U2", "niet_beslist", "L_niet_beslist_groei",
               "", f"{SOURCE_13}, seed lines 1171-1188",
               "Growth potential, no contribution to the transition priorities, no economic strength: moonshot (line 1181) and hiaat variant (2) (line 1175) require a contribution; 'geen specifieke beleidsfocus' (line 1188) requires no growth opportunities; R2 (line 1171) requires all three strengths."),
    "M": Rule("M", "niet_beslist", "L_onbekend", "", "project rule",
              "At least one input is unknown; the framework needs every input."),
}

#: The interpretation notes of :data:`RULES` in Dutch (the rule's ``note`` is English), for the Dutch book's tables.
NOTES_NL: dict[str, str] = {
    "R1": "Past letterlijk ook bij R3 ('en/of' omvat beide); R1 gaat voor: met alle drie de sterktes is er geen hiaat (interpretatie a).",
    "R4": "Past losjes ook bij de moonshottekst (R6); R4 noemt deze combinatie uitdrukkelijk en gaat voor (interpretatie b).",
    "R5": "Gelezen binnen het hiaat-punt, dat een bijdrage aan de transitieprioriteiten vraagt (interpretatie c).",
    "R8b": "Economische sterkte is de schakelaar die het VARIO-advies noemt; innovatie- of wetenschappelijke sterkte verandert de uitkomst "
           "niet (interpretatie d).",
}

UNDECIDED_REASONS_NL: dict[str, str] = {
    "U1": "Groeipotentieel en economische sterkte, maar geen bijdrage aan de transitieprioriteiten en niet alle drie de sterktes: aanbeveling 1.3 beslist dit geval niet (regel R2 vraagt alle drie de sterktes; de hiaat-categorie vraagt een bijdrage aan de transitieprioriteiten).",
    "U2": "Groeipotentieel zonder bijdrage aan de transitieprioriteiten en zonder economische sterkte: aanbeveling 1.3 beslist dit geval niet (moonshot en hiaat (2) vragen een bijdrage aan de transitieprioriteiten; 'geen specifieke beleidsfocus' vraagt dat er geen groei-opportuniteiten zijn).",
}


def rule_for(economic: bool, innovation: bool, scientific: bool, growth: bool, transition: bool) -> str:
    """The id of the rule in :data:`RULES` that decides a fully known combination (see module docstring)."""
    e, i, s, g, t = (bool(x) for x in (economic, innovation, scientific, growth, transition))
    if g and t:
        if e:
            if i and s:
                return "R1"  # line 1169 (wins over R3, interpretation a)
            return "R3" if (i or s) else "R5"  # line 1175 (1) / line 1177
        return "R4" if (i and s) else "R6"  # line 1175 (2) / line 1181 (interpretation b)
    if g:  # growth potential, no transition contribution
        if e and i and s:
            return "R2"  # line 1171
        return "U1" if e else "U2"  # not decided by the text
    if t:  # no growth potential, transition contribution: line 1189
        return "R8a" if e else "R8b"
    return "R7"  # line 1188


# --------------------------------------------------------------------------------------------
# the tree (used for the path in words and the chart; tested to agree with rule_for)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """A question node. ``tests`` are the inputs it looks at; ``both`` means "all of them true"."""

    key: str
    question_nl: str
    question_en: str
    tests: tuple[str, ...]
    yes: str
    no: str


TREE: dict[str, Node] = {
    "q_groei": Node("q_groei", "Economisch groeipotentieel?", "Economic growth potential?", ("growth",), "q_transitie_groei", "q_transitie_geen_groei"),
    "q_transitie_groei": Node("q_transitie_groei", "Bijdrage aan de\ntransitieprioriteiten?", "Contribution to the\ntransition priorities?", ("transition",), "q_economisch", "q_drie_sterktes"),
    "q_economisch": Node("q_economisch", "Uitgesproken\neconomische sterkte?", "Pronounced\neconomic strength?", ("economic",), "q_kennis_economisch", "q_kennis_geen_economisch"),
    "q_kennis_economisch": Node("q_kennis_economisch", "Innovatie/technologische én\nwetenschappelijke sterkte?", "Innovation/technological and\nscientific strength?", ("innovation", "scientific"), "L_sterkte_transitie", "L_hiaat_economisch"),
    "q_kennis_geen_economisch": Node("q_kennis_geen_economisch", "Innovatie/technologische én\nwetenschappelijke sterkte?", "Innovation/technological and\nscientific strength?", ("innovation", "scientific"), "L_hiaat_kennis", "L_moonshot"),
    "q_drie_sterktes": Node("q_drie_sterktes", "Economische, innovatie/techn.\nén wetenschappelijke sterkte?", "Economic, innovation/techn.\nand scientific strength?", ("economic", "innovation", "scientific"), "L_sterkte_zonder_transitie", "L_niet_beslist_groei"),
    "q_transitie_geen_groei": Node("q_transitie_geen_groei", "Bijdrage aan de\ntransitieprioriteiten?", "Contribution to the\ntransition priorities?", ("transition",), "q_economisch_transitie", "L_geen_focus"),
    "q_economisch_transitie": Node("q_economisch_transitie", "Uitgesproken\neconomische sterkte?", "Pronounced\neconomic strength?", ("economic",), "L_internationalisering", "L_partnerschappen"),
}
TREE_ROOT = "q_groei"

#: Leaves, top to bottom in the chart: leaf -> category.
LEAVES: dict[str, str] = {
    "L_sterkte_transitie": "uitgesproken_sterkte",
    "L_hiaat_economisch": "hiaat_ecosysteem",
    "L_hiaat_kennis": "hiaat_ecosysteem",
    "L_moonshot": "moonshot",
    "L_sterkte_zonder_transitie": "uitgesproken_sterkte",
    "L_niet_beslist_groei": "niet_beslist",
    "L_internationalisering": "internationalisering",
    "L_partnerschappen": "partnerschappen",
    "L_geen_focus": "geen_beleidsfocus",
    "L_onbekend": "niet_beslist",
}

#: Leaf texts in the chart where they say more than the category label.
LEAF_LABELS: dict[str, tuple[str, str]] = {
    "L_niet_beslist_groei": ("Niet beslist: groeipotentieel zonder transitiebijdrage", "Not decided: growth potential without transition contribution"),
    "L_onbekend": ("Niet beslist: ontbrekende input", "Not decided: missing input"),
}

#: The words of a known or unknown input in the paths and tables, per language.
YES_WORD = {"nl": "ja", "en": "yes"}
NO_WORD = {"nl": "nee", "en": "no"}
UNKNOWN_WORD = {"nl": "onbekend", "en": "unknown"}


def walk(inputs: Mapping[str, bool]) -> tuple[str, list[tuple[str, bool]]]:
    """Follow :data:`TREE` for fully known inputs: (leaf, [(input, value) in the order consulted])."""
    key = TREE_ROOT
    seen: list[tuple[str, bool]] = []
    while key in TREE:
        node = TREE[key]
        values = [bool(inputs[name]) for name in node.tests]
        seen.extend(zip(node.tests, values))
        key = node.yes if all(values) else node.no
    return key, seen


def path_text(seen: Iterable[tuple[str, bool | None]], category: str, lang: str) -> str:
    """The path through the tree in words: ``input: ja → input: nee → category`` in ``lang``."""
    col = 0 if lang == "nl" else 1
    parts = []
    for name, value in seen:
        word = UNKNOWN_WORD[lang] if value is None else (YES_WORD[lang] if value else NO_WORD[lang])
        parts.append(f"{INPUTS[name][col]}: {word}")
    label = CATEGORIES[category].label_nl if lang == "nl" else CATEGORIES[category].label_en
    return " → ".join(parts + [label])


@dataclass(frozen=True)
class Outcome:
    """The framework's answer for one domain."""

    category: str
    rule: str
    leaf: str
    path_nl: str
    path_en: str
    reason_nl: str = ""
    reason_en: str = ""
    note: str = ""
    inputs: dict[str, bool | None] = field(default_factory=dict)

    @property
    def label_nl(self) -> str:
        return CATEGORIES[self.category].label_nl

    @property
    def label_en(self) -> str:
        return CATEGORIES[self.category].label_en


def _decided(values: dict[str, bool]) -> Outcome:
    rid = rule_for(**values)
    rule = RULES[rid]
    leaf, seen = walk(values)
    if leaf != rule.leaf:  # pragma: no cover - guarded by the tests
        raise AssertionError(f"tree and rules disagree for {values}: {leaf} vs {rule.leaf}")
    if rid in UNDECIDED_REASONS_NL:
        reason_nl, reason_en, note = UNDECIDED_REASONS_NL[rid], rule.note, ""
    else:
        reason_nl, reason_en, note = "", "", rule.note
        if rid == "R8b":
            note = rule.note if (values["innovation"] or values["scientific"]) else ""
    return Outcome(rule.category, rid, leaf, path_text(seen, rule.category, "nl"), path_text(seen, rule.category, "en"),
                   reason_nl, reason_en, note, dict(values))


def as_bool(value: object, name: str, row: object = None, source: str = "framework inputs") -> bool | None:
    """True/False/None from booleans, 0/1, NaN and the words yes/no/ja/nee/true/false/unknown/onbekend."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        if isinstance(value, (float, np.floating)) and math.isnan(value):
            return None
        if value in (0, 1):
            return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("yes", "ja", "true", "1", "y", "j"):
            return True
        if text in ("no", "nee", "false", "0", "n"):
            return False
        if text in ("", "unknown", "onbekend", "na", "none"):
            return None
    where = f"{source}, row {row}" if row is not None else source
    raise InputError(f"{where}: column '{name}' has {value!r}; use true/false (or yes/no, ja/nee), or leave empty for unknown")


def classify(economic: bool | None, innovation: bool | None, scientific: bool | None, growth: bool | None,
             transition: bool | None, *, decide_when_unambiguous: bool = False) -> Outcome:
    """Classify one domain by the rules of recommendation 1.3 (see the module docstring).

    Every combination of known inputs maps to exactly one rule of :data:`RULES`. An unknown input
    (``None``) gives ``niet_beslist`` naming the missing inputs, unless ``decide_when_unambiguous``
    is set and every completion of the unknown inputs reaches the same leaf (for the undecided
    leaf: by the same rule, so that the reason is right).
    """
    raw = {"economic": economic, "innovation": innovation, "scientific": scientific, "growth": growth, "transition": transition}
    values = {k: as_bool(v, k) for k, v in raw.items()}
    missing = [k for k, v in values.items() if v is None]
    if not missing:
        return _decided(values)  # type: ignore[arg-type]
    if decide_when_unambiguous:
        outcomes = []
        for combo in itertools.product((True, False), repeat=len(missing)):
            filled = {**values, **dict(zip(missing, combo))}
            outcomes.append(_decided(filled))  # type: ignore[arg-type]
        first = outcomes[0]
        same_leaf = len({o.leaf for o in outcomes}) == 1
        # an undecided leaf reached by different rules (U1/U2) would have no single reason: stay M
        if same_leaf and (first.category != "niet_beslist" or len({o.rule for o in outcomes}) == 1):
            _, seen = walk({**values, **dict(zip(missing, (True,) * len(missing)))})
            seen_known = [(n, values[n]) for n, _ in seen]
            unused_nl = ", ".join(INPUTS[m][0] for m in missing)
            unused_en = ", ".join(INPUTS[m][1] for m in missing)
            return Outcome(first.category, first.rule, first.leaf,
                           path_text(seen_known, first.category, "nl") + f" (onbekend maar niet bepalend: {unused_nl})",
                           path_text(seen_known, first.category, "en") + f" (unknown but not decisive: {unused_en})",
                           first.reason_nl, first.reason_en, first.note, values)
    names_nl = ", ".join(INPUTS[m][0] for m in missing)
    names_en = ", ".join(INPUTS[m][1] for m in missing)
    rule = RULES["M"]
    return Outcome(
        "niet_beslist", "M", rule.leaf,
        f"ontbrekende input: {names_nl} → {CATEGORIES['niet_beslist'].label_nl}",
        f"missing input: {names_en} → {CATEGORIES['niet_beslist'].label_en}",
        f"Onbekende input: {names_nl}; het beslissingskader heeft alle vijf de inputs nodig.",
        f"Unknown input: {names_en}; the framework needs all five inputs.",
        "", values,
    )


def all_combinations() -> pd.DataFrame:
    """The full rule table: all 32 combinations of the five boolean inputs with their outcome."""
    rows = []
    for combo in itertools.product((True, False), repeat=5):
        values = dict(zip(INPUT_NAMES, combo))
        o = classify(**values)
        rows.append({**values, "category": o.category, "rule": o.rule, "leaf": o.leaf, "label_nl": o.label_nl,
                     "label_en": o.label_en, "path_nl": o.path_nl, "path_en": o.path_en, "reason_en": o.reason_en})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# tables of domains
# --------------------------------------------------------------------------------------------


def classify_domains(inputs: pd.DataFrame, *, id_column: str = "domain_id", decide_when_unambiguous: bool = False,
                     source: str = "framework inputs") -> pd.DataFrame:
    """Classify every row of ``inputs`` (``id_column`` plus the five :data:`INPUTS` columns).

    Values may be booleans, 0/1, yes/no, ja/nee, or empty/NaN/None for unknown. Extra columns
    (e.g. labels) are kept. Output adds: category, parent_category, label_nl, label_en, rule, leaf,
    path_nl, path_en, reason_nl, reason_en, note, rule_source, action_title_nl, action_title_en,
    action_nl, action_en, action_source, action_basis.
    """
    require_columns(inputs, (id_column, *INPUT_NAMES), source)
    dup = inputs[id_column].duplicated()
    if dup.any():
        i = dup.idxmax()
        raise InputError(f"{source}, row {i}: duplicate {id_column} {inputs.at[i, id_column]!r}; keep one row per domain")
    rows = []
    for i, rec in inputs.iterrows():
        values = {name: as_bool(rec[name], name, i, source) for name in INPUT_NAMES}
        o = classify(**values, decide_when_unambiguous=decide_when_unambiguous)
        cat = CATEGORIES[o.category]
        rows.append({
            **{c: rec[c] for c in inputs.columns if c not in INPUT_NAMES},
            **values,
            "category": o.category, "parent_category": cat.parent, "label_nl": cat.label_nl, "label_en": cat.label_en,
            "rule": o.rule, "leaf": o.leaf, "path_nl": o.path_nl, "path_en": o.path_en,
            "reason_nl": o.reason_nl, "reason_en": o.reason_en, "note": o.note, "rule_source": RULES[o.rule].source,
            "action_title_nl": cat.action_title_nl, "action_title_en": cat.action_title_en,
            "action_nl": cat.action_nl, "action_en": cat.action_en,
            "action_source": cat.action_source, "action_basis": cat.action_basis,
        })
    out = pd.DataFrame(rows)
    for name in INPUT_NAMES:
        out[name] = out[name].astype(object)
    return out


def portfolio(classified: pd.DataFrame, *, id_column: str = "domain_id", name_column: str | None = None) -> pd.DataFrame:
    """Count and list the domains per category (every category, also empty ones), in :data:`CATEGORY_ORDER`.

    Columns: category, parent_category, label_nl, label_en, n, domains (names joined by "; ").
    """
    require_columns(classified, (id_column, "category"), "classified domains")
    bad = ~classified["category"].isin(CATEGORY_ORDER)
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"classified domains, row {i}: unknown category {classified.at[i, 'category']!r}; use the output of classify_domains")
    names = classified[name_column] if name_column else classified[id_column]
    rows = []
    for key in CATEGORY_ORDER:
        cat = CATEGORIES[key]
        members = [str(n) for n, c in zip(names, classified["category"]) if c == key]
        rows.append({"category": key, "parent_category": cat.parent, "label_nl": cat.label_nl, "label_en": cat.label_en,
                     "n": len(members), "domains": "; ".join(members)})
    return pd.DataFrame(rows)


def names_in_category(classified: pd.DataFrame, category: str, name_column: str) -> str:
    """The names (``name_column``) of the domains of ``classified`` in ``category``, comma-joined; ``—`` when there are none."""
    return ", ".join(classified.loc[classified["category"] == category, name_column]) or "—"


def outcome_counts(classified: pd.DataFrame, growth: pd.DataFrame, transitions: pd.DataFrame, *, name_column: str) -> dict[str, Any]:
    """Counts and names of the framework's outcomes for the text (the ``df_`` glue values of the chapter).

    ``classified``: :func:`classify_domains`; ``growth``: the growth potential per domain (column
    ``growth``: True, False or missing); ``transitions``: :func:`transition_inputs`. The three
    categories without a policy focus of its own (``geen_beleidsfocus``, ``internationalisering``,
    ``partnerschappen``) count together in ``df_n_geen``.
    """
    counts = classified["category"].value_counts()
    return dict(
        df_n=len(classified),
        df_n_sterkte=int(counts.get("uitgesproken_sterkte", 0)), df_sterkte=names_in_category(classified, "uitgesproken_sterkte", name_column),
        df_n_hiaat=int(counts.get("hiaat_ecosysteem", 0)), df_hiaat=names_in_category(classified, "hiaat_ecosysteem", name_column),
        df_n_moonshot=int(counts.get("moonshot", 0)), df_moonshot=names_in_category(classified, "moonshot", name_column),
        df_n_geen=int(counts.get("geen_beleidsfocus", 0) + counts.get("internationalisering", 0) + counts.get("partnerschappen", 0)),
        df_n_niet=int(counts.get("niet_beslist", 0)), df_niet=names_in_category(classified, "niet_beslist", name_column),
        df_n_growth=int((growth["growth"] == True).sum()), df_n_growth_na=int(growth["growth"].isna().sum()),  # noqa: E712
        df_n_transition=int((transitions["transition"] == True).sum()),  # noqa: E712
    )
