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

Policy actions (Aanbeveling 2, "Hanteer een portfolio aanpak", chapter 5 and management summary):
uitgesproken_sterkte -> 2.1, hiaat_ecosysteem -> 2.2, moonshot -> 2.3 (explicit in the seed);
geen_beleidsfocus -> 2.4 (inferred: figure 12 is an image; 2.4 is the portfolio's non-targeted
part and speaks of domains that "momenteel beperkte opportuniteiten" offer); the two sub-cases
carry the action of R8 itself. See :data:`CATEGORIES`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from helpers.errors import InputError
from helpers.methods.ratings import PROJECT_DATA, check_rating, require_columns

SEED = "VARIO 2026, Strategische keuzes voor Vlaanderen"
SEED_TEXT = "seeds/000_58134484e03f4a01.txt"
SOURCE_13 = f"{SEED}, chapter 5 (p. 69 ff.), Aanbeveling 1.3"

#: The five inputs, in the order of :func:`classify`'s arguments: id -> (Dutch, English) label.
INPUTS: dict[str, tuple[str, str]] = {
    "economic": ("uitgesproken economische sterkte", "pronounced economic strength"),
    "innovation": ("innovatie/technologische sterkte", "innovation/technological strength"),
    "scientific": ("wetenschappelijke sterkte", "scientific strength"),
    "growth": ("economisch groeipotentieel", "economic growth potential"),
    "transition": ("bijdrage aan de transitieprioriteiten", "contribution to the transition priorities"),
}
INPUT_NAMES: tuple[str, ...] = tuple(INPUTS)

TRANSITIONS: dict[str, tuple[str, str]] = {
    "digital": ("Digitale transitie", "Digital transition"),
    "climate_energy": ("Klimaat- en energietransitie", "Climate and energy transition"),
    "geopolitical": (
        "Geopolitieke transitie (incl. strategische autonomie en economische veiligheid)",
        "Geopolitical transition (incl. strategic autonomy and economic security)",
    ),
    "health": ("Gezondheidstransitie", "Health transition"),
}
#: Where the seed names the transition priorities (quoted in data/README.md).
TRANSITIONS_SOURCE = (
    f"{SEED}, chapter 5, Aanbeveling 1.1 (p. 69 ff., seed line 1145) and section 2.3 (pp. 33-34, line 569)"
)


# --------------------------------------------------------------------------------------------
# categories and their policy actions
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    """One outcome of the framework, with the policy action the seed attaches to it."""

    key: str
    label_nl: str
    label_en: str
    parent: str | None
    action_title_nl: str
    action_title_en: str
    action_nl: str
    action_en: str
    action_source: str
    #: "seed text" (the seed ties the action to the category), "inferred" or "project".
    action_basis: str


CATEGORIES: dict[str, Category] = {
    "uitgesproken_sterkte": Category(
        key="uitgesproken_sterkte",
        label_nl="Domein met een uitgesproken sterkte",
        label_en="Domain of pronounced strength",
        parent=None,
        action_title_nl="Aanbeveling 2.1: Versterk leiderschapspositie in domeinen waar Vlaanderen reeds sterk staat",
        action_title_en="Recommendation 2.1: Strengthen the leadership position in domains where Flanders is already strong (our translation; the English heading did not survive)",
        action_nl=(
            "VARIO vraagt dan ook om deze internationale leiderschapspositie in deze domeinen te bestendigen en verder "
            "uit te bouwen. Dit zal bijvoorbeeld vereisen dat we onze AI-inspanningen concentreren op deze domeinen. "
            "Daarnaast zitten voor deze domeinen de hiaten vaak in de randvoorwaarden (aanwezigheid van kapitaal, "
            "ééngemaakte markt, innovatiestimulerende regelgeving, ...) op Vlaams én Europees niveau."
        ),
        action_en=(
            "VARIO therefore calls for this international leadership position to be consolidated and further "
            "strengthened. This will, for example, require that AI efforts be concentrated on these domains. For these "
            "domains, the gaps often lie in the enabling conditions (availability of capital, a unified market, "
            "innovation-friendly regulation, ...) at both the Flemish and European levels."
        ),
        action_source=f"{SEED}, Management samenvatting, Aanbeveling 2.1 (seed line 205); Executive summary, Recommendation 2.1 (line 332); the chapter-5 text of 2.1 did not survive in the seed text",
        action_basis="seed text",
    ),
    "hiaat_ecosysteem": Category(
        key="hiaat_ecosysteem",
        label_nl="Domein met een hiaat in het ecosysteem",
        label_en="Domain with a gap in the ecosystem",
        parent=None,
        action_title_nl="Aanbeveling 2.2: Wees selectief en versterk ecosystemen door gericht te investeren in ‘ontbrekende’ schakels",
        action_title_en="Recommendation 2.2: Be selective and strengthen ecosystems by targeted investments in ‘missing’ links",
        action_nl=(
            "We moeten selectief innovatieve ecosystemen bouwen rond de sterke technologieclusters. [...] Het is "
            "essentieel om bedrijven te ondersteunen bij het leggen van onderlinge contacten, matchmaking, en het "
            "uitbouwen van industriële waardeketens. [...] Tegelijk is het belangrijk om actief op zoek te gaan naar "
            "ondernemingen die het innovatie-ecosysteem kunnen versterken. Kijk daarbij ook over de grenzen heen, bv. "
            "naar de buurlanden in de Benelux of naar andere Europese regio’s."
        ),
        action_en=(
            "We must be selective in building innovative ecosystems around strong technology clusters. [...] It is "
            "crucial to support companies in developing such connections, facilitating matchmaking, and building "
            "industrial value chains. [...] At the same time, it is important to actively identify and attract "
            "companies that can strengthen the innovation ecosystem. This search should extend beyond borders—for "
            "example, to neighbouring countries in the Benelux or to other European regions."
        ),
        action_source=f"{SEED}, Management samenvatting, Aanbeveling 2.2 (seed line 211); Executive summary, Recommendation 2.2 (lines 338-342)",
        action_basis="seed text",
    ),
    "moonshot": Category(
        key="moonshot",
        label_nl="Moonshot-domein",
        label_en="Moonshot domain",
        parent=None,
        action_title_nl="Aanbeveling 2.3: Maak een beperkt aantal ‘moonshot’ keuzes die kaderen in een interregionale/Europese strategie",
        action_title_en="Recommendation 2.3: Make a limited number of ‘moonshot’ choices that fit within an interregional/European strategy",
        action_nl=(
            "Binnen deze 'Moonshots' – high-risk high-gain – is het voor Vlaanderen belangrijk om te focussen en een "
            "beperkt aantal domeinen zorgvuldig te selecteren. [...] Belangrijk is dat we deze keuzes positioneren in "
            "een interregionaal/Europees perspectief, om middelen te bundelen en hefboomen te creëren."
        ),
        action_en=(
            "Within these ‘Moonshots’ –high-risk, high-gain– it is important for Flanders to remain focused and to "
            "select only a small number of domains with great care. [...] It is crucial that these choices are placed "
            "within an interregional/European perspective, enabling the pooling of resources and the creation of "
            "stronger leverage effects."
        ),
        action_source=f"{SEED}, chapter 5, Aanbeveling 2.3 (seed lines 1201-1203); Executive summary, Recommendation 2.3 (lines 346-350)",
        action_basis="seed text",
    ),
    "geen_beleidsfocus": Category(
        key="geen_beleidsfocus",
        label_nl="Geen specifieke beleidsfocus",
        label_en="No specific policy focus",
        parent=None,
        action_title_nl="Aanbeveling 2.4: Voorzie een voldoende brede en stabiele basis voor bottom-up O&O&I om een toekomstige lock-in te voorkomen",
        action_title_en="Recommendation 2.4: Provide a broad and stable foundation for bottom-up R&D&I to avoid future lock-in",
        action_nl=(
            "Naast het maken van een beperkt aantal strategische keuzes blijft het echter noodzakelijk om een voldoende "
            "brede basis te voorzien voor bottom-up O&O&I-initiatieven en steun. [...] Analyses zijn vaak statisch, "
            "maar domeinen evolueren en iets wat bv. momenteel beperkte opportuniteiten biedt kan in de toekomst een "
            "groot groeipotentieel hebben."
        ),
        action_en=(
            "A portfolio approach combines targeted investments in strategic domains with an open research environment "
            "that encourages innovation and creativity. The selection of certain strategic domains must not come at "
            "the expense of resources for exploratory variety."
        ),
        action_source=f"{SEED}, chapter 5, Aanbeveling 2.4 (seed line 1207); Executive summary, Recommendation 2.4 (line 354)",
        action_basis="inferred",
    ),
    "internationalisering": Category(
        key="internationalisering",
        label_nl="Transitieprioriteit zonder groeipotentieel: internationalisering",
        label_en="Transition priority without growth potential: internationalisation",
        parent="geen_beleidsfocus",
        action_title_nl="Aanbeveling 1.3: focus op ‘internationalisering’",
        action_title_en="Recommendation 1.3: focus on ‘internationalisation’ (our translation)",
        action_nl="(1) ‘internationalisering’ om het realiseren van de transitie in andere regio’s ook te bevorderen",
        action_en="(1) ‘internationalisation’, to help realise the transition in other regions as well (our translation)",
        action_source=f"{SOURCE_13} (seed line 1189)",
        action_basis="seed text",
    ),
    "partnerschappen": Category(
        key="partnerschappen",
        label_nl="Transitieprioriteit zonder groeipotentieel: partnerschappen",
        label_en="Transition priority without growth potential: partnerships",
        parent="geen_beleidsfocus",
        action_title_nl="Aanbeveling 1.3: partnerschappen opzetten",
        action_title_en="Recommendation 1.3: set up partnerships (our translation)",
        action_nl=(
            "(2) partnerschappen opzetten om de Vlaamse transitie te realiseren indien Vlaanderen dit niet kan op basis "
            "van eigen economische en/of innovatie/technologische/wetenschappelijke sterkte"
        ),
        action_en=(
            "(2) set up partnerships to realise the Flemish transition where Flanders cannot do so on the basis of its "
            "own economic and/or innovation/technological/scientific strength (our translation)"
        ),
        action_source=f"{SOURCE_13} (seed line 1189)",
        action_basis="seed text",
    ),
    "niet_beslist": Category(
        key="niet_beslist",
        label_nl="Niet beslist door het beslissingskader",
        label_en="Not decided by the framework",
        parent=None,
        action_title_nl="Geen actie uit het beslissingskader: leg voor aan experten (aanbeveling 1.2)",
        action_title_en="No action from the framework: refer to expert validation (recommendation 1.2)",
        action_nl=(
            "Het beslissingskader beslist niet over deze combinatie of een input ontbreekt. Vul de ontbrekende gegevens "
            "aan of laat experten het domein beoordelen ('Analyseer diverse data en valideer a.d.h.v. consultaties')."
        ),
        action_en=(
            "The framework does not decide this combination, or an input is missing. Complete the data or refer the "
            "domain to expert validation ('Analyse diverse data and validate through consultations')."
        ),
        action_source="project text; the seed asks for expert validation of every classification ('mits experten validatie', chapter 5, Aanbeveling 2, seed line 1193) and Aanbeveling 1.2",
        action_basis="project",
    ),
}
CATEGORY_ORDER: tuple[str, ...] = tuple(CATEGORIES)


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

_YES = {"nl": "ja", "en": "yes"}
_NO = {"nl": "nee", "en": "no"}
_UNKNOWN = {"nl": "onbekend", "en": "unknown"}


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


def _path_text(seen: Iterable[tuple[str, bool | None]], category: str, lang: str) -> str:
    col = 0 if lang == "nl" else 1
    parts = []
    for name, value in seen:
        word = _UNKNOWN[lang] if value is None else (_YES[lang] if value else _NO[lang])
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
    return Outcome(rule.category, rid, leaf, _path_text(seen, rule.category, "nl"), _path_text(seen, rule.category, "en"),
                   reason_nl, reason_en, note, dict(values))


def _as_bool(value: object, name: str, row: object = None, source: str = "framework inputs") -> bool | None:
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
    values = {k: _as_bool(v, k) for k, v in raw.items()}
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
                           _path_text(seen_known, first.category, "nl") + f" (onbekend maar niet bepalend: {unused_nl})",
                           _path_text(seen_known, first.category, "en") + f" (unknown but not decisive: {unused_en})",
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
        values = {name: _as_bool(rec[name], name, i, source) for name in INPUT_NAMES}
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


# --------------------------------------------------------------------------------------------
# inputs from ratings, transitions and growth
# --------------------------------------------------------------------------------------------

#: Which Tabel 1 indicators measure which strength (default). The seed's measures (chapter 5,
#: Aanbeveling 1.1, seed lines 1134-1137): "Economische sterktes: gemeten aan de hand van
#: toegevoegde waarde, productiviteit en export"; "Innovatiekracht en ecosysteem: gemeten aan de
#: hand van O&O-uitgaven, ..."; "Technologische sterktes: gemeten aan de hand van octrooien";
#: "Wetenschappelijke sterktes: gemeten aan de hand van aantal publicaties en citaties, deelname
#: aan Horizon Europe, O&O-personeel en STEM-medewerkers".
#: Default: R&D personnel counts as *innovation*, because Tabel 1 reports it per economic sector
#: (NACE), i.e. the R&D staff of the sector's companies, next to their R&D expenditure; the
#: scientific dimension is then publications alone. :data:`SEED_11_DIMENSIONS` follows the seed's
#: list literally (R&D personnel under scientific). Productivity, citations, Horizon Europe and STEM
#: staff are not in Tabel 1.
DEFAULT_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "economic": ("value_added", "export"),
    "innovation": ("rd_expenditure", "rd_personnel", "patents"),
    "scientific": ("publications",),
}
SEED_11_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "economic": ("value_added", "export"),
    "innovation": ("rd_expenditure", "patents"),
    "scientific": ("publications", "rd_personnel"),
}


def strengths_from_ratings(ratings: pd.DataFrame, *, dimensions: Mapping[str, Iterable[str]] = DEFAULT_DIMENSIONS,
                           strong: Iterable[str] = ("++", "+"), how: str = "any", na: str = "unknown",
                           source: str = "rating table") -> pd.DataFrame:
    """Boolean strength inputs per domain from a long rating table (domain_id, indicator_id, rating).

    For each dimension of ``dimensions`` (default :data:`DEFAULT_DIMENSIONS`) a domain is strong when
    its indicators are rated in ``strong`` (default ``++`` or ``+``):

    * ``how="any"``: strong if at least one indicator is strong; ``how="all"``: if all are.
    * ``na="unknown"`` (default): an ``na`` rating (or a missing cell) counts as unknown, so the
      dimension is ``None`` unless the known ratings already decide it (``any``: one strong rating
      decides True; ``all``: one weak rating decides False). ``na="ignore"``: ``na`` cells are
      dropped; the dimension is ``None`` only if all its indicators are ``na``.

    Returns domain_id, one column per dimension (True/False/None) and ``<dimension>_basis`` columns
    naming the ratings used.
    """
    require_columns(ratings, ("domain_id", "indicator_id", "rating"), source)
    if how not in ("any", "all"):
        raise InputError(f"strengths_from_ratings: how={how!r}; use 'any' or 'all'")
    if na not in ("unknown", "ignore"):
        raise InputError(f"strengths_from_ratings: na={na!r}; use 'unknown' or 'ignore'")
    strong_set = set(strong)
    for sym in strong_set:
        check_rating(sym, "strengths_from_ratings parameter 'strong'", "-")
    for i, sym in ratings["rating"].items():
        check_rating(sym, source, i)
    lookup = {(d, ind): str(r).strip() for d, ind, r in zip(ratings["domain_id"], ratings["indicator_id"], ratings["rating"])}
    rows = []
    for domain in pd.unique(ratings["domain_id"]):
        row: dict[str, object] = {"domain_id": domain}
        for dim, indicators in dimensions.items():
            syms = {ind: lookup.get((domain, ind), "na") for ind in indicators}
            known = [s for s in syms.values() if s != "na"]
            unknown = len(known) < len(syms)
            is_strong = [s in strong_set for s in known]
            if not known:
                value: bool | None = None
            elif how == "any":
                value = True if any(is_strong) else (None if unknown and na == "unknown" else False)
            else:
                value = False if not all(is_strong) else (None if unknown and na == "unknown" else True)
            row[dim] = value
            row[f"{dim}_basis"] = ", ".join(f"{ind} {sym}" for ind, sym in syms.items())
        rows.append(row)
    out = pd.DataFrame(rows)
    for dim in dimensions:
        out[dim] = out[dim].astype(object)
    return out


TRANSITION_COLUMNS = ("domain_id", "transition_id", "transition_nl", "transition_en", "contributes", "basis", "rationale", "citation")


def load_domain_transitions(path: str | Path | None = None, *, domains: Iterable[str] | None = None) -> pd.DataFrame:
    """Read ``data/domain_transitions.csv`` and check it (columns, yes/no, basis, citation, ids)."""
    path = Path(path) if path is not None else PROJECT_DATA / "domain_transitions.csv"
    source = str(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(f"{source}: file not found; restore it from the repository") from None
    require_columns(df, TRANSITION_COLUMNS, source)
    checks = (
        ("contributes", {"yes", "no"}),
        ("basis", {"seed text", "judgement"}),
        ("transition_id", set(TRANSITIONS)),
    )
    for col, allowed in checks:
        bad = ~df[col].isin(allowed)
        if bad.any():
            i = bad.idxmax()
            raise InputError(f"{source}, row {i}: column '{col}' has {df.at[i, col]!r}; use one of {', '.join(sorted(allowed))}")
    if domains is not None:
        known = set(domains)
        bad = ~df["domain_id"].isin(known)
        if bad.any():
            i = bad.idxmax()
            raise InputError(f"{source}, row {i}: unknown domain_id {df.at[i, 'domain_id']!r}; add it to data/domains.csv or fix the id")
    dup = df.duplicated(["domain_id", "transition_id"])
    if dup.any():
        raise InputError(f"{source}, row {dup.idxmax()}: duplicate (domain_id, transition_id); keep one row per pair")
    empty = df["citation"].str.strip() == ""
    if empty.any():
        raise InputError(f"{source}, row {empty.idxmax()}: empty 'citation'; every row needs its source")
    return df


def transition_inputs(domain_transitions: pd.DataFrame, *, transitions: Iterable[str] | None = None,
                      basis: Iterable[str] = ("seed text", "judgement")) -> pd.DataFrame:
    """Per domain: ``transition`` = contributes to at least one of ``transitions`` (default: all four).

    Only rows whose ``basis`` is in ``basis`` count (``basis=("seed text",)`` uses the seed's own
    links only). A domain with no counted row gets ``None`` (unknown). Also returns ``transitions``:
    the contributing transition ids joined by ", ".
    """
    require_columns(domain_transitions, ("domain_id", "transition_id", "contributes", "basis"), "domain transitions")
    wanted = set(transitions) if transitions is not None else set(TRANSITIONS)
    unknown = wanted - set(TRANSITIONS)
    if unknown:
        raise InputError(f"transition_inputs: unknown transition id {sorted(unknown)[0]!r}; use one of {', '.join(TRANSITIONS)}")
    rows = []
    for domain, g in domain_transitions.groupby("domain_id", sort=False):
        g = g[g["transition_id"].isin(wanted) & g["basis"].isin(set(basis))]
        if g.empty:
            rows.append({"domain_id": domain, "transition": None, "transitions": ""})
            continue
        yes = g.loc[g["contributes"] == "yes", "transition_id"].tolist()
        rows.append({"domain_id": domain, "transition": bool(yes), "transitions": ", ".join(yes)})
    out = pd.DataFrame(rows)
    out["transition"] = out["transition"].astype(object)
    return out


def framework_inputs(strengths: pd.DataFrame, *, growth: Mapping[str, bool | None] | pd.Series | None = None,
                     transition: Mapping[str, bool | None] | pd.Series | pd.DataFrame | None = None) -> pd.DataFrame:
    """Join strengths (from :func:`strengths_from_ratings`), growth and transition into one input table.

    ``growth`` / ``transition``: mapping or Series domain_id -> True/False/None, or for transition
    the output of :func:`transition_inputs`. Domains absent from a mapping get ``None`` (unknown).
    An id that is not a domain of ``strengths`` raises :class:`InputError`.
    """
    require_columns(strengths, ("domain_id", "economic", "innovation", "scientific"), "strengths")
    out = strengths.copy()
    known = set(out["domain_id"])
    for name, given in (("growth", growth), ("transition", transition)):
        if isinstance(given, pd.DataFrame):
            require_columns(given, ("domain_id", name), f"{name} table")
            given = dict(zip(given["domain_id"], given[name]))
        mapping = dict(given.items()) if given is not None else {}
        bad = [k for k in mapping if k not in known]
        if bad:
            raise InputError(f"{name} inputs: unknown domain_id {bad[0]!r}; use one of {', '.join(map(str, known))}")
        out[name] = [_as_bool(mapping.get(d), name, d, f"{name} inputs") for d in out["domain_id"]]
        out[name] = out[name].astype(object)
    return out


# --------------------------------------------------------------------------------------------
# technologies
# --------------------------------------------------------------------------------------------

#: Which inputs are measured and how, when the framework is applied to technologies.
TECHNOLOGY_INPUTS: dict[str, str] = {
    "economic": "measured: RCA in start-up investments >= rca_threshold (entrepreneurship; seed Aanbeveling 2.2 speaks of 'doorvertaling naar technologie en ondernemerschap')",
    "innovation": "measured: RCA in patents >= rca_threshold (seed: 'Technologische sterktes: gemeten aan de hand van octrooien')",
    "scientific": "measured: RCA in publications >= rca_threshold (seed: 'Wetenschappelijke sterktes: gemeten aan de hand van aantal publicaties')",
    "growth": "measured (proxy): technological complexity above the split; the seed reads complexity as economic value ('(economische) complexiteit', 'economisch potentieel', section 3.1)",
    "transition": "judgement: a technology -> transition mapping given by the analyst (None = unknown)",
    "feasible": "measured, not a tree input: relatedness density above the split (the CEPS 'haalbaarheid'); reported beside the outcome",
}


def _split_value(values: pd.Series, split: str | float, what: str) -> float:
    if isinstance(split, str):
        if split == "median":
            return float(values.median())
        if split == "mean":
            return float(values.mean())
        raise InputError(f"classify_technologies: split {split!r} for {what}; use 'median', 'mean' or a number")
    return float(split)


def classify_technologies(table: pd.DataFrame, *, id_column: str = "technology",
                          rca_columns: Mapping[str, str | None] | None = None,
                          density_column: str = "density", complexity_column: str = "complexity",
                          rca_threshold: float = 1.0, split: str | float | tuple[str | float, str | float] = "median",
                          transition: Mapping[str, bool | None] | pd.Series | None = None,
                          decide_when_unambiguous: bool = False, source: str = "technology table") -> pd.DataFrame:
    """Apply the framework to technologies (see :data:`TECHNOLOGY_INPUTS` for what is measured).

    ``table``: one row per technology with ``id_column``, the RCA columns, ``density_column`` and
    ``complexity_column``. ``rca_columns`` maps economic / innovation / scientific to a column
    (default ``rca_investments`` / ``rca_patents`` / ``rca_publications``); a dimension mapped to
    ``None`` or whose value is missing is unknown. ``split``: "median", "mean" or a number, or a
    pair (density split, complexity split); "above" means strictly greater than the split.
    ``transition``: technology -> True/False/None (judgement); absent technologies are unknown.
    Output: :func:`classify_domains` columns plus ``feasible``, ``density_split``, ``complexity_split``
    and ``quadrant`` (the CEPS quadrant, a key of :data:`helpers.methods.quadrants.QUADRANTS`: optimal, moonshot,
    low_risk, low_priority).
    """
    cols = {"economic": "rca_investments", "innovation": "rca_patents", "scientific": "rca_publications"}
    if rca_columns is not None:
        unknown = set(rca_columns) - set(cols)
        if unknown:
            raise InputError(f"classify_technologies: rca_columns key {sorted(unknown)[0]!r}; use economic, innovation, scientific")
        cols.update(rca_columns)
    needed = [id_column, density_column, complexity_column] + [c for c in cols.values() if c]
    require_columns(table, needed, source)
    if table.empty:
        raise InputError(f"{source}: no technologies; select at least one")
    df = table.copy()
    for c in needed[1:]:
        df[c] = pd.to_numeric(df[c], errors="coerce")
        neg = df[c] < 0
        if c in cols.values() and neg.any():
            raise InputError(f"{source}, row {neg.idxmax()}: negative RCA in column '{c}'; RCA cannot be negative")
    dsplit, csplit = split if isinstance(split, tuple) else (split, split)
    d_cut = _split_value(df[density_column].dropna(), dsplit, "density")
    c_cut = _split_value(df[complexity_column].dropna(), csplit, "complexity")
    mapping = dict(transition.items()) if transition is not None else {}
    bad = [k for k in mapping if k not in set(df[id_column])]
    if bad:
        raise InputError(f"transition inputs: unknown technology {bad[0]!r}; use the ids of column '{id_column}'")

    def above(v: float, cut: float) -> bool | None:
        return None if pd.isna(v) else bool(v > cut)

    inputs = pd.DataFrame({id_column: df[id_column]})
    for dim, col in cols.items():
        inputs[dim] = [None if (col is None or pd.isna(v)) else bool(v >= rca_threshold)
                       for v in (df[col] if col else [None] * len(df))]
    inputs["growth"] = [above(v, c_cut) for v in df[complexity_column]]
    inputs["transition"] = [mapping.get(t) for t in df[id_column]]
    for c in INPUT_NAMES:
        inputs[c] = inputs[c].astype(object)
    out = classify_domains(inputs, id_column=id_column, decide_when_unambiguous=decide_when_unambiguous, source=source)
    feasible = [above(v, d_cut) for v in df[density_column]]
    out["feasible"] = pd.Series(feasible, dtype=object).values
    out["density_split"] = d_cut
    out["complexity_split"] = c_cut
    quadrant = []
    for f, g in zip(feasible, inputs["growth"]):
        if f is None or g is None:
            quadrant.append(None)
        else:
            quadrant.append({(True, True): "optimal", (False, True): "moonshot", (True, False): "low_risk", (False, False): "low_priority"}[(f, g)])
    out["quadrant"] = quadrant
    return out


#: Which strength dimension each technology source measures (its RCA), as in :data:`TECHNOLOGY_INPUTS`.
SOURCE_DIMENSION: dict[str, str] = {"investments": "economic", "patents": "innovation", "publications": "scientific"}

_INPUT_WORDS: dict[str, tuple[str, str]] = {
    "economic": ("economisch", "economic"), "innovation": ("innovatie/technologie", "innovation/technology"),
    "scientific": ("wetenschap", "scientific"), "growth": ("groeipotentieel", "growth potential"),
    "transition": ("transitiebijdrage", "transition contribution"),
}


def technology_transitions(technologies: Iterable[str], field_map: pd.DataFrame | None, transitions: pd.DataFrame,
                           *, domain_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The transition input of technologies, carried over from the domains they are linked to (judgement).

    ``field_map``: (domain_id, technology) rows, e.g. :func:`helpers.chapters.sectors.patent_field_map` (WIPO
    fields) or :func:`helpers.chapters.sectors.publication_field_map` (NCSES fields); ``None`` when the
    classification has no link to the domains. ``transitions``: :func:`transition_inputs` (domain_id,
    transition). A technology contributes (``True``) when a linked domain contributes, does not
    (``False``) when every linked domain is judged not to, and is unknown (``None``) when it has no
    linked domain or a linked domain is unknown and none contributes. Columns: technology,
    transition, domains (the linked domain ids, or names via ``domain_names``, "; "-joined).
    """
    require_columns(transitions, ("domain_id", "transition"), "transition table")
    value = {d: _as_bool(v, "transition", d, "transition table") for d, v in zip(transitions["domain_id"], transitions["transition"])}
    if field_map is not None:
        require_columns(field_map, ("domain_id", "technology"), "field map")
    rows = []
    for tech in dict.fromkeys(technologies):
        linked = [] if field_map is None else list(dict.fromkeys(field_map.loc[field_map["technology"] == tech, "domain_id"]))
        vals = [value.get(d) for d in linked]
        if any(v is True for v in vals):
            result = True
        elif vals and all(v is False for v in vals):
            result = False
        else:
            result = None
        names = [str(domain_names.get(d, d)) if domain_names else str(d) for d in linked]
        rows.append({"technology": tech, "transition": result, "domains": "; ".join(names)})
    out = pd.DataFrame(rows, columns=["technology", "transition", "domains"])
    out["transition"] = out["transition"].astype(object)
    return out


def technology_framework(profiles: Mapping[str, pd.DataFrame], *, transitions: Mapping[str, pd.DataFrame] | None = None,
                         rca_threshold: float = 1.0, split: Any = "median", decide_when_unambiguous: bool = False,
                         lang: str = "nl") -> pd.DataFrame:
    """Apply the framework (:func:`classify_technologies`) to the technology profiles of one region, per source.

    ``profiles``: source (a key of :data:`SOURCE_DIMENSION`) -> :func:`helpers.chapters.technologies.technology_profile`
    of the focus region. Each source has its own classification (WIPO fields, NCSES fields, Crunchbase
    categories) and no crosswalk links them, so a technology row measures only its own source's strength
    (patents -> innovation, publications -> scientific, investments -> economic); the other two strengths
    are unknown. Growth is complexity above the split, feasibility density above the split, both within
    the source. ``transitions``: source -> :func:`technology_transitions` (judgement); a source without
    one leaves the transition unknown. ``split``: as ``quadrant_split`` of the edition ("median",
    "mean", a number or ``{"x": density, "y": complexity}``).

    Columns: source, technology, label (in ``lang``), the :func:`classify_technologies` columns, rca,
    density, complexity, domains (the domains the transition comes from) and, in ``lang``, ``measured``
    (the measured inputs with their values), ``judgement`` and ``unknown`` (the inputs left unknown).
    """
    if lang not in ("nl", "en"):
        raise InputError(f"technology_framework: lang={lang!r}; use 'nl' or 'en'")
    if not profiles:
        raise InputError("technology_framework: no technology profile; the region has data in none of the sources")
    if isinstance(split, Mapping):
        if set(split) != {"x", "y"}:
            raise InputError(f"technology_framework: split {dict(split)!r}; use a mapping with keys x (density) and y (complexity)")
        split = (split["x"], split["y"])
    col = 0 if lang == "nl" else 1
    parts = []
    for source, profile in profiles.items():
        if source not in SOURCE_DIMENSION:
            raise InputError(f"technology_framework: source {source!r}; use one of {', '.join(SOURCE_DIMENSION)}")
        require_columns(profile, ("technology", "rca", "density", "complexity", f"label_{lang}"), f"{source} profile")
        dim = SOURCE_DIMENSION[source]
        table = profile[["technology", "rca", "density", "complexity"]].rename(columns={"rca": f"rca_{source}"})
        rca_columns = {d: (f"rca_{source}" if d == dim else None) for d in SOURCE_DIMENSION.values()}
        trans = transitions.get(source) if transitions else None
        mapping = dict(zip(trans["technology"], trans["transition"])) if trans is not None else None
        out = classify_technologies(table, rca_columns=rca_columns, rca_threshold=rca_threshold, split=split,
                                    transition=mapping, decide_when_unambiguous=decide_when_unambiguous, source=f"{source} profile")
        out.insert(0, "source", source)
        out.insert(2, "label", profile[f"label_{lang}"].to_numpy())
        out["rca"] = profile["rca"].to_numpy(dtype=float)
        out["density"] = profile["density"].to_numpy(dtype=float)
        out["complexity"] = profile["complexity"].to_numpy(dtype=float)
        out["domains"] = (out["technology"].map(dict(zip(trans["technology"], trans["domains"]))).fillna("")
                          if trans is not None else "")
        measured, judgement, unknown = [], [], []
        yes, no, unk = _YES[lang], _NO[lang], _UNKNOWN[lang]
        for _, r in out.iterrows():
            word = (lambda v: unk if v is None else (yes if v else no))
            m = []
            if r[dim] is not None:
                m.append(f"{_INPUT_WORDS[dim][col]}: {word(r[dim])} (RCA {r['rca']:.2f})")
            if r["growth"] is not None:
                m.append(f"{_INPUT_WORDS['growth'][col]}: {word(r['growth'])} "
                         f"({'complexiteit' if lang == 'nl' else 'complexity'} {r['complexity']:.2f} vs {r['complexity_split']:.2f})")
            if r["feasible"] is not None:
                m.append(f"{'haalbaarheid' if lang == 'nl' else 'feasibility'}: {word(r['feasible'])} "
                         f"({'dichtheid' if lang == 'nl' else 'density'} {r['density']:.1f} vs {r['density_split']:.1f})")
            measured.append("; ".join(m))
            via = (f" ({'via' if lang == 'nl' else 'from'} {r['domains']})" if r["domains"] else
                   (" (geen gekoppeld domein)" if lang == "nl" else " (no linked domain)"))
            judgement.append(f"{_INPUT_WORDS['transition'][col]}: {word(r['transition'])}{via}")
            unknown.append(", ".join(_INPUT_WORDS[c][col] for c in INPUT_NAMES if r[c] is None) or "—")
        out["measured"], out["judgement"], out["unknown"] = measured, judgement, unknown
        parts.append(out)
    return pd.concat(parts, ignore_index=True)


def technology_counts(classified: pd.DataFrame, *, sources: Iterable[str] = ("patents", "publications", "investments")) -> dict[str, Any]:
    """Counts of :func:`technology_framework`'s outcomes for the text (the ``ft_`` glue values).

    ``ft_n`` technologies, per category (``ft_n_geen`` counts geen_beleidsfocus with its two
    sub-cases), per source (``ft_n_<source>``, 0 for a source without data), ``ft_n_transition``
    technologies with a known transition input and ``ft_n_decided_known`` decided technologies.
    """
    require_columns(classified, ("source", "category", "transition"), "classified technologies")
    counts = classified["category"].value_counts()
    by_source = classified["source"].value_counts()
    out = dict(
        ft_n=len(classified),
        ft_n_sterkte=int(counts.get("uitgesproken_sterkte", 0)), ft_n_hiaat=int(counts.get("hiaat_ecosysteem", 0)),
        ft_n_moonshot=int(counts.get("moonshot", 0)),
        ft_n_geen=int(counts.get("geen_beleidsfocus", 0) + counts.get("internationalisering", 0) + counts.get("partnerschappen", 0)),
        ft_n_niet=int(counts.get("niet_beslist", 0)),
        ft_n_transition=int(classified["transition"].map(lambda v: v is not None and v == v).sum()),
    )
    for s in sources:
        out[f"ft_n_{s}"] = int(by_source.get(s, 0))
    return out


# --------------------------------------------------------------------------------------------
# the tree as a chart
# --------------------------------------------------------------------------------------------

CATEGORY_COLOURS: dict[str, str] = {
    "uitgesproken_sterkte": "#009E73",
    "hiaat_ecosysteem": "#56B4E9",
    "moonshot": "#CC79A7",
    "geen_beleidsfocus": "#D9D9D9",
    "internationalisering": "#E69F00",
    "partnerschappen": "#F0E442",
    "niet_beslist": "#FFFFFF",
}


def tree_layout(classified: pd.DataFrame | None = None, *, id_column: str = "domain_id", name_column: str | None = None,
                lang: str = "nl") -> dict[str, pd.DataFrame]:
    """Coordinates of the tree for :func:`tree_chart`: tables ``nodes``, ``edges``, ``labels``, ``lists``.

    Questions sit in columns by depth, all leaves in one column, and each leaf's domains are listed
    to its right; a leaf's height grows with the number of domains listed.
    """
    if lang not in ("nl", "en"):
        raise InputError(f"tree_chart: lang={lang!r}; use 'nl' or 'en'")
    members: dict[str, list[str]] = {leaf: [] for leaf in LEAVES}
    if classified is not None:
        require_columns(classified, (id_column, "leaf"), "classified domains")
        if name_column is None:
            name_column = next((c for c in (f"domain_{lang}", f"technology_{lang}") if c in classified.columns), id_column)
        require_columns(classified, (name_column,), "classified domains")
        for name, leaf in zip(classified[name_column], classified["leaf"]):
            if leaf not in members:
                raise InputError(f"classified domains: unknown leaf {leaf!r}; use the output of classify_domains")
            members[leaf].append(str(name))

    # sized to fit the book's content column (about 1,000 px): 9 px text, narrow boxes, wrapped lists
    col_x = [70.0, 234.0, 398.0, 562.0]
    q_w, q_h, l_w, line = 136.0, 36.0, 150.0, 12.0
    leaf_x = col_x[-1] + q_w / 2 + 30 + l_w / 2
    col = 0 if lang == "nl" else 1
    box_line, list_line = 12.0, 12.0  # line heights of the text marks in tree_chart
    # depth of each question
    depth = {TREE_ROOT: 0}
    order = [TREE_ROOT]
    for key in order:
        node = TREE[key]
        for child in (node.yes, node.no):
            if child in TREE:
                depth[child] = depth[key] + 1
                order.append(child)
    # leaf texts, list texts and y positions (a leaf's slot grows with its list)
    leaf_text = {leaf: _wrap(LEAF_LABELS.get(leaf, (CATEGORIES[c].label_nl, CATEGORIES[c].label_en))[col], 26)
                 for leaf, c in LEAVES.items()}
    list_text = {leaf: "\n".join("• " + _wrap(n, 30).replace("\n", "\n\u00a0\u00a0\u00a0") for n in members[leaf]) or "—" for leaf in LEAVES}
    leaf_h = {leaf: 12 + line * (leaf_text[leaf].count("\n") + 1) for leaf in LEAVES}
    y: dict[str, float] = {}
    cursor = 6.0
    for leaf in LEAVES:
        slot = max(leaf_h[leaf], line * (list_text[leaf].count("\n") + 1)) + 14
        y[leaf] = cursor + slot / 2
        cursor += slot

    def place(key: str) -> float:
        if key in y:
            return y[key]
        node = TREE[key]
        y[key] = (place(node.yes) + place(node.no)) / 2
        return y[key]

    place(TREE_ROOT)
    height = cursor + 6
    nodes, edges, labels, lists = [], [], [], []
    for key in order:
        node = TREE[key]
        x = col_x[depth[key]]
        question = node.question_nl if lang == "nl" else node.question_en
        nodes.append({"id": key, "kind": "question", "x": x - q_w / 2, "x2": x + q_w / 2, "y": y[key] - q_h / 2,
                      "y2": y[key] + q_h / 2, "xc": x, "yc": y[key] - box_line * question.count("\n") / 2, "text": question,
                      "colour": "#F2F2F2", "tooltip": question.replace("\n", " ")})
        children = [(node.yes, _YES[lang]), (node.no, _NO[lang])]
        if key == TREE_ROOT:
            children.append(("L_onbekend", "input onbekend" if lang == "nl" else "input unknown"))
        for child, word in children:
            cx = leaf_x - l_w / 2 if child in LEAVES else col_x[depth[child]] - q_w / 2
            mx = x + q_w / 2 + 8
            for a, b, c, d in ((x + q_w / 2, y[key], mx, y[key]), (mx, y[key], mx, y[child]), (mx, y[child], cx, y[child])):
                edges.append({"x": a, "y": b, "x2": c, "y2": d})
            labels.append({"x": mx + 3, "y": y[child] - 3, "text": word})
    for leaf, category in LEAVES.items():
        cat = CATEGORIES[category]
        rule_ids = [r.rule_id for r in RULES.values() if r.leaf == leaf]
        label = cat.label_nl if lang == "nl" else cat.label_en
        action = cat.action_title_nl if lang == "nl" else cat.action_title_en
        nodes.append({"id": leaf, "kind": "leaf", "x": leaf_x - l_w / 2, "x2": leaf_x + l_w / 2,
                      "y": y[leaf] - leaf_h[leaf] / 2, "y2": y[leaf] + leaf_h[leaf] / 2, "xc": leaf_x,
                      "yc": y[leaf] - box_line * leaf_text[leaf].count("\n") / 2,
                      "text": leaf_text[leaf], "colour": CATEGORY_COLOURS[category],
                      "tooltip": f"{label} ({', '.join(rule_ids)}). {action}"})
        lists.append({"x": leaf_x + l_w / 2 + 10, "y": y[leaf] - list_line * list_text[leaf].count("\n") / 2,
                      "text": list_text[leaf], "n": len(members[leaf])})
    return {"nodes": pd.DataFrame(nodes), "edges": pd.DataFrame(edges), "labels": pd.DataFrame(labels),
            "lists": pd.DataFrame(lists), "size": pd.DataFrame([{"width": leaf_x + l_w / 2 + 175, "height": height}])}


def _wrap(text: str, width: int) -> str:
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "\n".join(lines)


def tree_chart(classified: pd.DataFrame | None = None, *, id_column: str = "domain_id", name_column: str | None = None,
               lang: str = "nl") -> alt.LayerChart:
    """The decision tree of recommendation 1.3 as a Vega-Lite diagram, each domain listed at its leaf.

    Question boxes (grey), edges with ja/nee labels, leaf boxes coloured by category, and the names
    of the classified domains (``name_column``, default ``domain_nl``/``domain_en`` if present, else
    the id) to the right of their leaf. Tooltips give the rules and the policy action.
    """
    lay = tree_layout(classified, id_column=id_column, name_column=name_column, lang=lang)
    width = float(lay["size"].at[0, "width"])
    height = float(lay["size"].at[0, "height"])
    xs = alt.Scale(domain=[0, width], nice=False, zero=False)
    ys = alt.Scale(domain=[0, height], nice=False, zero=False, reverse=True)
    no_axis = dict(axis=None)
    edges = alt.Chart(lay["edges"]).mark_rule(color="#666666", strokeWidth=1.2).encode(
        x=alt.X("x:Q", scale=xs, **no_axis), y=alt.Y("y:Q", scale=ys, **no_axis), x2="x2:Q", y2="y2:Q")
    edge_labels = alt.Chart(lay["labels"]).mark_text(align="left", baseline="bottom", fontSize=9, color="#444444").encode(
        x=alt.X("x:Q", scale=xs, **no_axis), y=alt.Y("y:Q", scale=ys, **no_axis), text="text:N")
    boxes = alt.Chart(lay["nodes"]).mark_rect(stroke="#333333", strokeWidth=1, cornerRadius=4).encode(
        x=alt.X("x:Q", scale=xs, **no_axis), x2="x2:Q", y=alt.Y("y:Q", scale=ys, **no_axis), y2="y2:Q",
        color=alt.Color("colour:N", scale=None, legend=None), tooltip=alt.Tooltip("tooltip:N", title="info"))
    box_text = alt.Chart(lay["nodes"]).mark_text(lineBreak="\n", fontSize=9, lineHeight=12, baseline="middle").encode(
        x=alt.X("xc:Q", scale=xs, **no_axis), y=alt.Y("yc:Q", scale=ys, **no_axis), text="text:N",
        tooltip=alt.Tooltip("tooltip:N", title="info"))
    lists = alt.Chart(lay["lists"]).mark_text(lineBreak="\n", align="left", baseline="middle", fontSize=9, lineHeight=12).encode(
        x=alt.X("x:Q", scale=xs, **no_axis), y=alt.Y("y:Q", scale=ys, **no_axis), text="text:N")
    title = ("Beslissingsboom – strategische domeinen (VARIO 2026, aanbeveling 1.3, figuren 11 en 12)" if lang == "nl"
             else "Decision tree – strategic domains (VARIO 2026, recommendation 1.3, figures 11 and 12)")
    return (alt.layer(edges, edge_labels, boxes, box_text, lists)
            .properties(width=width, height=height, title=title, view=alt.ViewBackground(stroke=None)))


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
