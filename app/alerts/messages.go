package alerts

import "github.com/stonks-b3/stonks/app/i18n"

func init() {
	i18n.Add(map[string]string{
		// pages
		"Your alerts": "Seus alertas", "New alert": "Novo alerta", "Edit alert": "Editar alerta",
		"Delete alert": "Excluir alerta", "Delete your alert for %s?": "Excluir seu alerta de %s?",
		"Filter by ticker or market": "Filtrar por ativo ou mercado", "Filter": "Filtrar",
		"Ticker": "Ativo", "Buy at or below": "Comprar a até", "Sell at or above": "Vender a partir de",
		"Last price": "Último preço", "Last alert": "Último aviso", "Status": "Situação", "Actions": "Ações",
		"not checked yet": "ainda não verificado", "never": "nunca", "active": "ativo", "expired": "expirado",
		"Edit": "Editar", "Delete": "Excluir", "No alert matches “%s”.": "Nenhum alerta corresponde a “%s”.",
		"No alerts yet.": "Nenhum alerta ainda.", "Create one": "Criar um",
		"An IBOV stock or IFIX fund, e.g. PETR4.":  "Uma ação do IBOV ou um fundo do IFIX, ex.: PETR4.",
		"Buy at or below (R$)":                     "Comprar a até (R$)",
		"Sell at or above (R$)":                    "Vender a partir de (R$)",
		"Leave blank to watch only the sell side.": "Deixe em branco para acompanhar só a venda.",
		"Leave blank to watch only the buy side.":  "Deixe em branco para acompanhar só a compra.",
		"Check every (minutes)":                    "Verificar a cada (minutos)",
		"Active for (days)":                        "Ativo por (dias)",
		"From 1 to 1440.":                          "De 1 a 1440.", "From 1 to 365.": "De 1 a 365.",
		"Notifications": "Notificações", "new": "novo",
		"No notifications yet. When an alert fires, it is listed here.": "Nenhuma notificação ainda. Quando um alerta disparar, ele aparece aqui.",
		"Save alert": "Salvar alerta", "See it live": "Ver ao vivo", "Dismiss": "Fechar",
		// validation
		"The buy price must be zero or more.":               "O preço de compra deve ser zero ou mais.",
		"Fill in a buy price, a sell price or both.":        "Preencha um preço de compra, de venda ou ambos.",
		"The sell price must be more than zero.":            "O preço de venda deve ser maior que zero.",
		"The sell price must be higher than the buy price.": "O preço de venda deve ser maior que o de compra.",
		"Enter a whole number of minutes from 1 to 1440.":   "Informe um número inteiro de minutos de 1 a 1440.",
		"Enter a whole number of days from 1 to 365.":       "Informe um número inteiro de dias de 1 a 365.",
		// notices and mail
		"%s is at %s, at or below your buy price of %s.":                      "%s está a %s, igual ou abaixo do seu preço de compra de %s.",
		"%s is at %s, at or above your sell price of %s.":                     "%s está a %s, igual ou acima do seu preço de venda de %s.",
		"Your alert for %s has ended.":                                        "Seu alerta de %s terminou.",
		"Your alert for %s has ended":                                         "Seu alerta de %s terminou",
		"%s entered your buy zone: %s":                                        "%s entrou na sua zona de compra: %s",
		"%s entered your sell zone: %s":                                       "%s entrou na sua zona de venda: %s",
		"Hello,":                                                              "Olá,",
		"It ran for the days you chose; create a new alert to keep watching.": "Ele durou os dias que você escolheu; crie um novo alerta para continuar acompanhando.",
		"Last price: %s":                                                      "Último preço: %s",
		"We will not write again while the price stays there, only after it leaves this zone and comes back.": "Não escreveremos de novo enquanto o preço ficar lá, só depois que ele sair desta zona e voltar.",
		"See it live: %s": "Veja ao vivo: %s",
		"Your alerts: %s": "Seus alertas: %s",
		// address confirmation
		"A Stonks account asked to send price alerts to %s.":                                                    "Uma conta do Stonks pediu para enviar alertas de preço para %s.",
		"To receive them, confirm this address: %s":                                                             "Para recebê-los, confirme este endereço: %s",
		"The link works for 48 hours. If you did not expect this mail, ignore it: nothing will be sent to you.": "O link vale por 48 horas. Se você não esperava este e-mail, ignore-o: nada será enviado a você.",
		"Confirm your address for Stonks alerts":                                                                "Confirme seu endereço para os alertas do Stonks",
		"Confirm your e-mail address":                                                                           "Confirme seu endereço de e-mail",
		"Send Stonks price alerts to %s?":                                                                       "Enviar alertas de preço do Stonks para %s?",
		"Confirm":                                                                                               "Confirmar",
		"Address confirmed":                                                                                     "Endereço confirmado",
		"Stonks alerts will now be sent to %s.":                                                                 "Os alertas do Stonks agora serão enviados para %s.",
		"Link not valid":                                                                                        "Link inválido",
		"This link is not valid: it was already used, it expired, or it was copied wrong.":                                             "Este link não é válido: já foi usado, expirou ou foi copiado errado.",
		"waiting for e-mail confirmation":                                                                                              "aguardando confirmação do e-mail",
		"You can have at most %d alerts. Delete one to create another.":                                                                "Você pode ter no máximo %d alertas. Exclua um para criar outro.",
		"Leave blank to use your account's address. Another address receives mail only after it confirms through the link we send it.": "Deixe em branco para usar o endereço da sua conta. Outro endereço só recebe e-mails depois de confirmar pelo link que enviamos a ele.",
	})
}
