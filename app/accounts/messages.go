package accounts

import "github.com/stonks-b3/stonks/app/i18n"

func init() {
	i18n.Add(map[string]string{
		// password reset
		"Reset your password": "Redefinir sua senha", "Forgot your password?": "Esqueceu sua senha?",
		"Enter your account's e-mail address and we will mail you a link to choose a new password.": "Informe o e-mail da sua conta e enviaremos um link para você escolher uma nova senha.",
		"Send the link": "Enviar o link",
		"If an account uses %s, a link to choose a new password is on its way there. It works for one hour.": "Se alguma conta usa %s, um link para escolher uma nova senha está a caminho. Ele vale por uma hora.",
		"Too many requests for a reset link. Try again in %d minutes.":                                       "Pedidos demais de link de redefinição. Tente de novo em %d minutos.",
		"Ask for a new link": "Pedir um novo link", "Choose a new password": "Escolha uma nova senha",
		"New password": "Nova senha", "New password confirmation": "Confirmação da nova senha", "Set the password": "Definir a senha",
		"Password changed": "Senha alterada",
		"Your password was changed and every session of the account was ended. Log in with the new password.": "Sua senha foi alterada e todas as sessões da conta foram encerradas. Entre com a nova senha.",
		// the reset mail (app/alerts.ComposePasswordReset)
		"Reset your Stonks password":                                    "Redefina sua senha do Stonks",
		"Someone asked to reset the password of the Stonks account %s.": "Alguém pediu para redefinir a senha da conta %s do Stonks.",
		"To choose a new password, open this link: %s":                  "Para escolher uma nova senha, abra este link: %s",
		"The link works once, for %d minutes. If you did not ask for it, ignore this mail: your password stays as it is.": "O link funciona uma vez, por %d minutos. Se você não pediu, ignore este e-mail: sua senha continua a mesma.",
		// settings
		"Account": "Conta", "Change password": "Alterar senha", "Current password": "Senha atual",
		"Change e-mail": "Alterar e-mail", "New e-mail": "Novo e-mail", "Current address: %s": "Endereço atual: %s",
		"Waiting for confirmation: %s": "Aguardando confirmação: %s", "Delete account": "Excluir conta",
		"This deletes your account and everything in it for good: your wallet, alerts and notices, your messages and the rooms you host, with their messages.": "Isto exclui sua conta e tudo o que há nela, para sempre: sua carteira, alertas e avisos, suas mensagens e as salas que você criou, com as mensagens delas.",
		"Your password was entered incorrectly. Please enter it again.":                                                                                        "Sua senha foi digitada incorretamente. Por favor, informe-a novamente.",
		"Your password was changed. Your other sessions were ended.":                                                                                           "Sua senha foi alterada. Suas outras sessões foram encerradas.",
		"Your e-mail address was changed.":                                                                                                                     "Seu endereço de e-mail foi alterado.",
		"We mailed a confirmation link to the new address. The change takes effect when you follow it.":                                                        "Enviamos um link de confirmação para o novo endereço. A alteração vale quando você o seguir.",
	})
}
