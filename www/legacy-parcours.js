// The only file this portal gained for live checks: its form mapped to the FSE+
// questionnaire, in its own classes. The page itself gained one line, the script tag
// that loads this file. Field names, values, markup and styles are the portal's.

import { attach } from "/pkg/attach.js";

const form = document.getElementById("form_participant");

attach(form, {
  // Rendered into the page by the portal's server: the checks never read a clock.
  reference_date: form.elements.date_jour.value,
  phase: "entry",
  fields: {
    num_operation: "operation.id",
    nom_naissance: "identity.last_name",
    prenom: "identity.first_name",
    sexe: { path: "identity.gender", values: { F: "woman", H: "man", A: "non_binary" } },
    date_naiss: { path: "identity.birth_date", dateFormat: "dd/mm/yyyy" },
    num_secu: "identity.nir",
    adresse: "contact.address",
    cp: "contact.postal_code",
    code_insee: "contact.commune_insee",
    courriel: "contact.email",
    tel: "contact.phone",
    date_entree: { path: "operation.entry_date", dateFormat: "dd/mm/yyyy" },
    // Checkboxes: checked is "yes", unchecked "no".
    sit_emploi: "situation.employed",
    sit_chomage: "situation.unemployed",
    sit_inactif: "situation.inactive",
    sit_formation: "situation.in_education_or_training",
    chomage_ld: "situation.long_term_unemployed",
    date_debut_chomage: { path: "situation.unemployment_start_date", dateFormat: "dd/mm/yyyy" },
    niveau_formation: {
      path: "education.diploma",
      values: { N1: "none", N2: "brevet", N3: "cap_bep", N4: "bac", N5: "bac_2", N6: "licence", N7: "master", N8: "doctorat" },
    },
    handicap: { path: "sensitive.disability", values: { O: "yes", N: "no", NSP: "refused" } },
    rsa: "benefits.rsa",
  },
  // The portal's own words where it has some.
  messages: {
    required: "Information obligatoire.",
    invalid_postal_code: "Le code postal s'écrit avec 5 chiffres, par exemple 69001.",
  },
  // The classes its server-side errors already used.
  classes: {
    group: ".ligne, .bloc",
    groupError: "en-erreur",
    controlError: "saisie-erreur",
    messages: "messages",
    error: "message-erreur",
    warning: "message-alerte",
    summary: "bloc-erreurs",
    summaryTitle: "bloc-erreurs-titre",
    notice: "bandeau-info",
  },
});
