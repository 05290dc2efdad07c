package org.budgetledger.projection.report.domain;

/** A line of 目录: level 0 for parts, 1 for their tables and sections. */
public record ContentsEntry(int level, String text) {}
