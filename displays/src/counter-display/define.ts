/** Entry of the /display/counter/ page: defines <luot-counter-display> and its parts. */
import './counter-display.js';
