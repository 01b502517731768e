/** Entry of the /counter/ page: defines <luot-clerk-console> and its parts. */
import './clerk-console.js';
