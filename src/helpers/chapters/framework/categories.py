"""The categories of the decision framework and the policy actions the seed attaches to them.

Policy actions (Aanbeveling 2, "Hanteer een portfolio aanpak", chapter 5 and management summary):
uitgesproken_sterkte -> 2.1, hiaat_ecosysteem -> 2.2, moonshot -> 2.3 (explicit in the seed);
geen_beleidsfocus -> 2.4 (inferred: figure 12 is an image; 2.4 is the portfolio's non-targeted
part and speaks of domains that "momenteel beperkte opportuniteiten" offer); the two sub-cases
carry the action of R8 itself (:mod:`helpers.chapters.framework.rules`). See :data:`CATEGORIES`.
"""

from __future__ import annotations

from dataclasses import dataclass


#: The seed (the advice this book follows), its text file and the recommendation the framework comes from.
SEED = "VARIO 2026, Strategische keuzes voor Vlaanderen"
SEED_TEXT = "seeds/000_58134484e03f4a01.txt"
SOURCE_13 = f"{SEED}, chapter 5 (p. 69 ff.), Aanbeveling 1.3"


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
#: The categories in the order of the tables (the seed's order, then the sub-cases and niet_beslist).
CATEGORY_ORDER: tuple[str, ...] = tuple(CATEGORIES)

