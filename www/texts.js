// The page's own words, in French and English. The questionnaire's labels, choices
// and messages come from the module (schema(locale), findings); only what the module
// does not know lives here. An element with data-text="key" shows texts[locale][key].

const plural = (n, one, many) => (n === 0 || n === 1 ? one : many);

export const texts = {
  fr: {
    docTitle: "Questionnaire participant FSE+ — parcours",
    title: "Questionnaire participant FSE+",
    intro:
      "Les réponses sont contrôlées pendant la saisie par un module qui s'exécute dans votre navigateur : rien n'est envoyé, rien n'est enregistré.",
    loading: "Chargement du module de contrôle…",
    loadError: "Le module de contrôle n'a pas pu être chargé. Rechargez la page.",
    settingsLegend: "Paramètres du contrôle",
    phaseLabel: "Questionnaire",
    phaseHint: "Chaque questionnaire pose aussi les questions des précédents.",
    phase_entry: "Entrée",
    phase_exit: "Sortie",
    phase_follow_up: "Suivi à 6 mois",
    referenceLabel: "Date de référence",
    referenceHint:
      "Format JJ/MM/AAAA. Les contrôles de dates se font par rapport à elle. Fixée à la date du jour à l'ouverture de la page ; modifiable.",
    languageLegend: "Langue",
    summaryHeading: "Résumé du contrôle",
    summaryStatus: (errors, warnings, percent) =>
      `${errors} ${plural(errors, "erreur", "erreurs")}, ${warnings} ${plural(warnings, "avertissement", "avertissements")}. ` +
      `Questionnaire rempli à ${percent}.`,
    missingTitle: (n) => `${n} ${plural(n, "champ obligatoire non renseigné", "champs obligatoires non renseignés")}`,
    nothingMissing: "Tous les champs obligatoires sont renseignés.",
    derivedTitle: "Valeurs calculées",
    derivedHint: "Déduites des réponses, jamais saisies deux fois.",
    derived_age_at_entry: "Âge à l'entrée",
    derived_age_bracket: "Tranche d'âge",
    derived_isced_level: "Niveau CITE",
    derived_isced_bracket: "Tranche CITE",
    derived_participation_days: "Durée de participation (jours)",
    notDerived: "—",
    required: "Obligatoire.",
    optional: "Facultatif.",
    refusable: (refusal) => `Facultatif : la réponse « ${refusal} » est possible.`,
    requiredIf: (label) => `Obligatoire si « ${label} » est « Oui ».`,
    dateFormat: "Format JJ/MM/AAAA, par exemple 23/05/1990.",
    dateError: "Date à saisir au format JJ/MM/AAAA, par exemple 23/05/1990.",
    yes: "Oui",
    no: "Non",
    choose: "Sélectionner une option",
    submit: "Vérifier le questionnaire",
    labelled: (label, message) => `${label} : ${message}`,
  },
  en: {
    docTitle: "ESF+ participant questionnaire — parcours",
    title: "ESF+ participant questionnaire",
    intro:
      "Answers are checked as you type by a module that runs in your browser: nothing is sent, nothing is stored.",
    loading: "Loading the checking module…",
    loadError: "The checking module could not be loaded. Reload the page.",
    settingsLegend: "Check settings",
    phaseLabel: "Questionnaire",
    phaseHint: "Each questionnaire also asks the questions of the earlier ones.",
    phase_entry: "Entry",
    phase_exit: "Exit",
    phase_follow_up: "6-month follow-up",
    referenceLabel: "Reference date",
    referenceHint:
      "Format DD/MM/YYYY. Date checks are made against it. Set to today's date when the page opened; you may change it.",
    languageLegend: "Language",
    summaryHeading: "Check summary",
    summaryStatus: (errors, warnings, percent) =>
      `${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}. ` +
      `Questionnaire ${percent} complete.`,
    missingTitle: (n) => `${n} required ${n === 1 ? "field" : "fields"} not answered`,
    nothingMissing: "Every required field is answered.",
    derivedTitle: "Derived values",
    derivedHint: "Deduced from the answers, never typed twice.",
    derived_age_at_entry: "Age at entry",
    derived_age_bracket: "Age bracket",
    derived_isced_level: "ISCED level",
    derived_isced_bracket: "ISCED bracket",
    derived_participation_days: "Participation (days)",
    notDerived: "—",
    required: "Required.",
    optional: "Optional.",
    refusable: (refusal) => `Optional: “${refusal}” is an accepted answer.`,
    requiredIf: (label) => `Required if “${label}” is “Yes”.`,
    dateFormat: "Format DD/MM/YYYY, for example 23/05/1990.",
    dateError: "Type the date as DD/MM/YYYY, for example 23/05/1990.",
    yes: "Yes",
    no: "No",
    choose: "Select an option",
    submit: "Check the questionnaire",
    labelled: (label, message) => `${label}: ${message}`,
  },
};
