package dev.sectionsearch.pdf;

/**
 * One line of a PDF's text, as extracted, with what the heading guess needs.
 *
 * @param page the page it is on, from 1
 * @param text the line's text, stripped
 * @param size the font size most of its characters have, in points, rounded to half a point
 * @param bold whether most of its characters are in a bold font
 * @param chars how many characters it has (for the most common body size)
 */
record Line(int page, String text, float size, boolean bold, int chars) {}
