/**
 * Adding files and folders to an index, whatever its backend: the folder walk, the file id rule and
 * the bounded pool of threads that reads and splits files. Internal to the library.
 */
package dev.sectionsearch.internal.files;
