package io.qonduit.circuit.qasm

import io.qonduit.circuit.QasmSyntaxException

internal enum class TokenKind { IDENT, INT, REAL, STRING, SYMBOL, PLACEHOLDER, HARDWARE_QUBIT, EOF }

/** One lexical token; [text] is the identifier, number text, string contents, symbol or placeholder name. */
internal class Token(val kind: TokenKind, val text: String, val line: Int, val column: Int) {
    fun isSymbol(symbol: String): Boolean = kind == TokenKind.SYMBOL && text == symbol
    fun isIdent(name: String): Boolean = kind == TokenKind.IDENT && text == name
    override fun toString(): String = when (kind) {
        TokenKind.EOF -> "end of input"
        TokenKind.STRING -> "\"$text\""
        TokenKind.PLACEHOLDER -> "{{$text}}"
        else -> "'$text'"
    }
}

/** Splits OpenQASM 2/3 source into tokens, tracking 1-based line and column of each token. */
internal class Lexer(private val src: String) {
    private var pos = 0
    private var line = 1
    private var col = 1

    fun tokenize(): List<Token> {
        val out = ArrayList<Token>()
        while (true) {
            skipBlanksAndComments()
            if (pos >= src.length) {
                out += Token(TokenKind.EOF, "", line, col)
                return out
            }
            out += next()
        }
    }

    private fun advance(): Char {
        val c = src[pos++]
        if (c == '\n') { line++; col = 1 } else col++
        return c
    }

    private fun peek(offset: Int = 0): Char = if (pos + offset < src.length) src[pos + offset] else '\u0000'

    private fun skipBlanksAndComments() {
        while (pos < src.length) {
            val c = peek()
            when {
                c.isWhitespace() -> advance()
                c == '/' && peek(1) == '/' -> while (pos < src.length && peek() != '\n') advance()
                c == '/' && peek(1) == '*' -> {
                    val startLine = line
                    val startCol = col
                    advance(); advance()
                    while (!(peek() == '*' && peek(1) == '/')) {
                        if (pos >= src.length) throw QasmSyntaxException("unterminated /* comment", startLine, startCol)
                        advance()
                    }
                    advance(); advance()
                }
                else -> return
            }
        }
    }

    private fun next(): Token {
        val startLine = line
        val startCol = col
        val c = peek()
        fun tok(kind: TokenKind, text: String) = Token(kind, text, startLine, startCol)
        return when {
            c.isLetter() || c == '_' -> {
                val sb = StringBuilder()
                while (peek().isLetterOrDigit() || peek() == '_') sb.append(advance())
                tok(TokenKind.IDENT, sb.toString())
            }
            c.isDigit() || (c == '.' && peek(1).isDigit()) -> number(startLine, startCol)
            c == '"' || c == '\'' -> {
                val quote = advance()
                val sb = StringBuilder()
                while (peek() != quote) {
                    if (pos >= src.length || peek() == '\n') throw QasmSyntaxException("unterminated string", startLine, startCol)
                    sb.append(advance())
                }
                advance()
                tok(TokenKind.STRING, sb.toString())
            }
            c == '$' && peek(1).isDigit() -> {
                advance()
                val sb = StringBuilder()
                while (peek().isDigit()) sb.append(advance())
                tok(TokenKind.HARDWARE_QUBIT, sb.toString())
            }
            c == '{' && peek(1) == '{' && placeholderAhead() -> placeholder(startLine, startCol)
            else -> {
                for (sym in MULTI_CHAR_SYMBOLS) {
                    if (src.startsWith(sym, pos)) {
                        repeat(sym.length) { advance() }
                        return tok(TokenKind.SYMBOL, sym)
                    }
                }
                if (c in SINGLE_CHAR_SYMBOLS) {
                    advance()
                    tok(TokenKind.SYMBOL, c.toString())
                } else {
                    throw QasmSyntaxException("unexpected character '$c'", startLine, startCol)
                }
            }
        }
    }

    private fun number(startLine: Int, startCol: Int): Token {
        val sb = StringBuilder()
        var real = false
        while (peek().isDigit() || peek() == '_') { val ch = advance(); if (ch != '_') sb.append(ch) }
        if (peek() == '.') { real = true; sb.append(advance()); while (peek().isDigit()) sb.append(advance()) }
        if ((peek() == 'e' || peek() == 'E') &&
            (peek(1).isDigit() || ((peek(1) == '+' || peek(1) == '-') && peek(2).isDigit()))
        ) {
            real = true
            sb.append(advance())
            if (peek() == '+' || peek() == '-') sb.append(advance())
            while (peek().isDigit()) sb.append(advance())
        }
        if (peek().isLetter() || peek() == '_') {
            throw QasmSyntaxException("malformed number '$sb${peek()}'", startLine, startCol)
        }
        return Token(if (real) TokenKind.REAL else TokenKind.INT, sb.toString(), startLine, startCol)
    }

    /** `{{ name }}` template placeholder (QPI/OQTOPUS parametric programs), distinguished from nested braces. */
    private fun placeholderAhead(): Boolean {
        var i = pos + 2
        while (i < src.length && src[i] == ' ') i++
        if (i >= src.length || !(src[i].isLetter() || src[i] == '_')) return false
        while (i < src.length && (src[i].isLetterOrDigit() || src[i] == '_')) i++
        while (i < src.length && src[i] == ' ') i++
        return src.startsWith("}}", i)
    }

    private fun placeholder(startLine: Int, startCol: Int): Token {
        advance(); advance()
        while (peek() == ' ') advance()
        val sb = StringBuilder()
        while (peek().isLetterOrDigit() || peek() == '_') sb.append(advance())
        while (peek() == ' ') advance()
        advance(); advance()
        return Token(TokenKind.PLACEHOLDER, sb.toString(), startLine, startCol)
    }

    private companion object {
        val MULTI_CHAR_SYMBOLS = listOf("->", "==", "!=", "<=", ">=", "**", "&&", "||", "<<", ">>", "++")
        const val SINGLE_CHAR_SYMBOLS = ";,()[]{}+-*/^=<>!~%&|:@."
    }
}
