// Embedding with no code at all: this one script tag
//   <script type="module" src="/vendor/parcours/attach-auto.js"></script>
// attaches the checks to every form that carries data-parcours-reference-date, mapped
// by its fields' data-parcours-path (and -value, -date-format, -unchecked) attributes;
// phase and locale from data-parcours-phase and data-parcours-locale. A form whose
// mapping is wrong is reported (as an uncaught error, in the console) and left alone;
// the others are attached all the same. A page that needs the handle calls attach().

import { attach } from "./attach.js";

for (const form of document.querySelectorAll("form[data-parcours-reference-date]")) {
  try {
    attach(form);
  } catch (error) {
    reportError(error);
  }
}
