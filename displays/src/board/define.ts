/** Entry of the /display/ page: defines <luot-board> and its parts. */
import './waiting-board.js';
