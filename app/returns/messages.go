package returns

import "github.com/stonks-b3/stonks/app/i18n"

// messages are this package's pt-BR texts.
var messages = map[string]string{
	"Operations": "Operações", "Add operation": "Nova operação", "Edit operation": "Editar operação",
	"Delete operation": "Excluir operação", "Import operations": "Importar operações", "Import": "Importar",
	"Income tax": "Imposto de renda", "Holdings": "Posição", "Average price": "Preço médio", "Cost": "Custo",
	"Realised gains": "Lucros realizados", "Sold for": "Vendido por", "Gain": "Resultado", "day trade": "day trade",
	"All operations": "Todas as operações", "Date": "Data", "Type": "Tipo", "Price": "Preço", "Fees": "Taxas",
	"Total": "Total", "Purchase": "Compra", "Sale": "Venda", "opening balance": "saldo inicial", "File": "Arquivo",
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
	"B3's trades export (Área do Investidor → Extratos → Negociação), as .xlsx or .csv, or our own CSV: data,tipo,ativo,quantidade,preco,taxas (tipo C or V). Trades you already have are skipped, so overlapping periods can be imported; the whole file or nothing.": "A planilha de negociação da B3 (Área do Investidor → Extratos → Negociação), em .xlsx ou .csv, ou o nosso CSV: data,tipo,ativo,quantidade,preco,taxas (tipo C ou V). Negócios que você já tem são ignorados, então períodos sobrepostos podem ser importados; o arquivo inteiro ou nada.",
	"Income tax %s": "Imposto de renda %s", "Year": "Ano", "Monthly figures": "Apuração mensal", "Month": "Mês",
	"Stock sales": "Vendas de ações", "Stocks (swing trade)": "Ações (operações comuns)", "Day trade": "Day trade",
	"Real-estate funds": "Fundos imobiliários", "Tax": "Imposto", "Withheld (dedo-duro)": "IRRF (dedo-duro)",
	"DARF %s": "DARF %s", "Due by": "Vencimento", "exempt up to %s": "isento até %s", "credit left %s": "saldo a compensar %s",
	"includes %s carried": "inclui %s acumulado", "%s carried to next month (below %s)": "%[1]s acumulado para o mês seguinte (abaixo de %[2]s)",
	"No sales in %s.": "Nenhuma venda em %s.", "Position at %s": "Posição em %s", "Nothing held at the end of %s.": "Nenhuma posição no fim de %s.",
	"losses offset %s": "prejuízo compensado %s", "loss to carry %s": "prejuízo a compensar %s", "Rules applied": "Regras aplicadas",
	"A helper, not advice: check the figures with your broker's notes before paying. Sales on B3's cash market by a resident individual; rules and sources below.":                                   "Uma ajuda, não uma consultoria: confira os valores com as notas de corretagem antes de pagar. Vendas no mercado à vista da B3 por pessoa física residente; regras e fontes abaixo.",
	"For the annual declaration (Bens e Direitos): quantity and cost of acquisition, fees included, by the average price.":                                                                           "Para a declaração anual (Bens e Direitos): quantidade e custo de aquisição, com taxas, pelo preço médio.",
	"Stock losses (swing trade), day-trade losses and real-estate fund losses are carried forward separately; a loss in an exempt month is carried too, and an exempt gain does not use up losses.":  "Prejuízos com ações (operações comuns), com day trade e com fundos imobiliários são compensados separadamente; o prejuízo de um mês isento também é acumulado, e um lucro isento não consome prejuízos.",
	"Day trade: an asset bought and sold on the same day, the matched quantity at the day's average prices. The value of day-trade sales counts towards the R$ 20.000 limit (the cautious reading).": "Day trade: ativo comprado e vendido no mesmo dia, a quantidade casada pelos preços médios do dia. O valor das vendas em day trade conta para o limite de R$ 20.000 (a leitura cautelosa).",
	"Due dates follow B3's calendar (weekends and exchange holidays).":                                                                                                                               "Os vencimentos seguem o calendário da B3 (fins de semana e feriados da bolsa).",
	"Stock sales of up to R$ 20.000,00 in a month are exempt (not day trades)":                                                                                                                       "Vendas de ações de até R$ 20.000,00 no mês são isentas (exceto day trade)",
	"15% on net gains of common operations; 0,005% withheld on the value of sales":                                                                                                                   "15% sobre o ganho líquido em operações comuns; 0,005% retido sobre o valor das vendas",
	"20% on day-trade gains; 1% withheld on them; day-trade losses offset only day-trade gains":                                                                                                      "20% sobre ganhos em day trade; 1% retido sobre eles; prejuízo em day trade só compensa ganho em day trade",
	"20% on gains selling real-estate fund (FII) quotas, no exemption":                                                                                                                               "20% sobre ganhos na venda de cotas de fundos imobiliários (FII), sem isenção",
	"Losses carried forward to later months; withholding deducted; paid by DARF code 6015 by the last business day of the month after the sale":                                                      "Prejuízos compensados nos meses seguintes; imposto retido deduzido; pago por DARF código 6015 até o último dia útil do mês seguinte à venda",
	"A DARF below R$ 10,00 is not paid but added to the next one":                                                                                                                                    "DARF abaixo de R$ 10,00 não é pago, mas somado ao seguinte",
	"Proventos": "Proventos", "By holding": "Por ativo", "Received": "Recebido", "Received per share": "Recebido por cota",
	"Last 12 months per share": "Últimos 12 meses por cota", "Yield on cost": "Yield on cost",
	"Dividend yield (12 months)": "Dividend yield (12 meses)", "Coming payments": "Próximos pagamentos",
	"Past payments": "Pagamentos recebidos", "Payment date": "Data de pagamento", "Kind": "Tipo", "Per share": "Por cota",
	"Shares": "Cotas", "Amount": "Valor", "Fund income": "Rendimento", "Dividend": "Dividendo", "None.": "Nenhum.",
	"Dividends, JCP and real-estate fund income for the shares you held at the close of each ex-date (data com). Received in total: %s.": "Dividendos, JCP e rendimentos de fundos imobiliários pelas cotas que você tinha no fechamento de cada data com. Recebido no total: %s.",
	"Profit and loss": "Rentabilidade", "Market value": "Valor de mercado", "Unrealised": "Resultado não realizado", "Day": "Dia",
	"Realised": "Realizado", "Income": "Proventos", "Total return": "Retorno total",
	"%d assets without a quote are left out of the figures that need a price.": "%d ativos sem cotação ficam fora dos valores que dependem do preço.",
	"These come from your operations: add a buy or a sell instead.":            "Estes valores vêm das suas operações: registre uma compra ou venda.",
	"Wallet against IBOV": "Carteira contra o IBOV", "Wallet value": "Valor da carteira",
	"Latest trading days (100 = the first day shown)":                  "Últimos pregões (100 = o primeiro dia mostrado)",
	"The wallet's value against the IBOVESPA over %s, both 100 on %s.": "Valor da carteira contra o IBOVESPA em %s, ambos 100 em %s.",
	"On %s: wallet %s (%s).":                                           "Em %s: carteira %s (%s).", "IBOV %s.": "IBOV %s.",
}

func init() { i18n.Add(messages) }

// Messages returns a copy of this package's translations, for tests.
func Messages() map[string]string {
	out := make(map[string]string, len(messages))
	for k, v := range messages {
		out[k] = v
	}
	return out
}
