/** Entry of the /ticket/ page: defines <luot-citizen-ticket> and its parts. */
import './citizen-ticket.js';
