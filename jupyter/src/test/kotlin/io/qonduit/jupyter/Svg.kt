package io.qonduit.jupyter

import org.w3c.dom.Document
import org.w3c.dom.Element
import javax.xml.parsers.DocumentBuilderFactory

/** Parses SVG or HTML fragments as XML, so a test checks structure rather than substrings. */
internal fun parseXml(text: String): Document =
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(text.byteInputStream())

internal fun Document.elements(tag: String): List<Element> =
    getElementsByTagName(tag).let { nodes -> (0 until nodes.length).map { nodes.item(it) as Element } }
