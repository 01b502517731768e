/** Entry of the /ticket/new page: defines <luot-take-ticket> and its parts. */
import './take-ticket.js';
