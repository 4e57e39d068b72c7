package returns

import "github.com/stonks-b3/stonks/app/i18n"

func init() {
	i18n.Add(map[string]string{
		"Operations": "Operações", "Add operation": "Nova operação", "Edit operation": "Editar operação",
		"Delete operation": "Excluir operação", "Import operations": "Importar operações", "Import": "Importar",
		"Income tax": "Imposto de renda", "Holdings": "Posição", "Average price": "Preço médio", "Cost": "Custo",
		"Realised gains": "Lucros realizados", "Sold for": "Vendido por", "Gain": "Resultado", "day trade": "day trade",
		"All operations": "Todas as operações", "Date": "Data", "Type": "Tipo", "Price": "Preço", "Fees": "Taxas",
		"Total": "Total", "Buy": "Compra", "Sell": "Venda", "opening balance": "saldo inicial", "File": "Arquivo",
		"No holdings yet.": "Nenhuma posição ainda.", "No sales yet.": "Nenhuma venda ainda.",
		"No operations yet.": "Nenhuma operação ainda.", "Price (R$)": "Preço (R$)", "Fees (R$)": "Taxas (R$)",
		"Buys and their fees raise the average price; sells do not change it (B3's rule). A holding typed in the wallet is its opening balance.": "Compras e suas taxas elevam o preço médio; vendas não o alteram (regra da B3). Um ativo digitado na carteira é o seu saldo inicial.",
		"e.g. PETR4; PETR4F on the fractional market counts as the same asset.":                                                                  "ex.: PETR4; PETR4F no mercado fracionário conta como o mesmo ativo.",
		"The trade date, e.g. 15/03/2026.":                                              "A data do negócio, ex.: 15/03/2026.",
		"Shares, a whole number.":                                                       "Ações ou cotas, um número inteiro.",
		"Price per share, e.g. 12,50.":                                                  "Preço por ação, ex.: 12,50.",
		"Brokerage and B3 fees of this trade; empty means none.":                        "Corretagem e emolumentos deste negócio; vazio significa nenhuma.",
		"Enter a ticker of IBOV or IFIX, e.g. PETR4 (PETR4F on the fractional market).": "Informe um ativo do IBOV ou do IFIX, ex.: PETR4 (PETR4F no fracionário).",
		"Enter a date like 15/03/2026.":                                                 "Informe uma data como 15/03/2026.",
		"The date cannot be in the future.":                                             "A data não pode estar no futuro.",
		"Enter a date from 01/07/1994 on.":                                              "Informe uma data a partir de 01/07/1994.",
		"Choose buy or sell.":                                                           "Escolha compra ou venda.",
		"Enter a whole number of shares greater than zero.":                             "Informe um número inteiro de ações maior que zero.",
		"Enter at most %s shares.":                                                      "Informe no máximo %s ações.",
		"The price must be greater than zero.":                                          "O preço deve ser maior que zero.",
		"Fees cannot be negative.":                                                      "As taxas não podem ser negativas.",
		"Enter fees of at most %s.":                                                     "Informe taxas de no máximo %s.",
		"An operation can be worth at most %s.":                                         "Uma operação pode valer no máximo %s.",
		"On %s you held only %s shares of %s: a sale cannot be larger.":                 "Em %[1]s você tinha apenas %[2]s ações de %[3]s: a venda não pode ser maior.",
		"Delete the sale of %s shares of %s on %s?":                                     "Excluir a venda de %[1]s ações de %[2]s em %[3]s?",
		"Delete the buy of %s shares of %s on %s?":                                      "Excluir a compra de %[1]s ações de %[2]s em %[3]s?",
		"Choose a file to import.":                                                      "Escolha um arquivo para importar.",
		"The file has no operations.":                                                   "O arquivo não tem operações.",
		"The file could not be read: it is not a CSV or an .xlsx spreadsheet.":          "Não foi possível ler o arquivo: não é um CSV nem uma planilha .xlsx.",
		"Import at most %d lines at a time.":                                            "Importe no máximo %d linhas por vez.",
		"The B3 export has no column %q.":                                               "A planilha da B3 não tem a coluna %q.",
		"Only the cash market (à vista and fracionário) is supported, not %q.":          "Só o mercado à vista e o fracionário são aceitos, não %q.",
		"B3's trades export (Área do Investidor → Extratos → Negociação), as .xlsx or .csv, or our own CSV: data,tipo,ativo,quantidade,preco,taxas (tipo C or V). The operations are added to the ones you have; the whole file or nothing.": "A planilha de negociação da B3 (Área do Investidor → Extratos → Negociação), em .xlsx ou .csv, ou o nosso CSV: data,tipo,ativo,quantidade,preco,taxas (tipo C ou V). As operações são somadas às que você já tem; o arquivo inteiro ou nada.",
		"These come from your operations: add a buy or a sell instead.": "Estes valores vêm das suas operações: registre uma compra ou venda.",
	})
}
