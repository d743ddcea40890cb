/* Ma Démarche FSE — scripts du portail (2014). Compteur des observations, et
   message d'attente pendant l'enregistrement. */
(function () {
  "use strict";
  var form = document.getElementById("form_participant");
  var observations = document.getElementById("observations");
  var compteur = document.getElementById("compteur");
  var etat = document.getElementById("etat_envoi");

  function compter() {
    var reste = observations.maxLength - observations.value.length;
    compteur.textContent = reste + (reste > 1 ? " caractères restants." : " caractère restant.");
  }

  observations.addEventListener("input", compter);
  form.addEventListener("reset", function () {
    setTimeout(compter, 0);
    etat.textContent = "";
  });
  form.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return;
    etat.textContent = "Enregistrement en cours…";
  });
  compter();
})();
